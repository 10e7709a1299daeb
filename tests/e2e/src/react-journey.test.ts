import { generateTotp } from '@plinto/server'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { accessibilityViolations, describeViolations, installAxe } from './harness/axe'
import { addVirtualAuthenticator, screenshot as saveScreenshot } from './harness/browser'
import {
  goToSignIn,
  navigateTo,
  openInboxLink,
  openPane,
  region,
  signOutThroughMenu,
  submitSignIn,
  submitSignUp,
  userMenuButton,
  type ReactAppAccount,
} from './harness/react-actions'
import { useReactApp } from './harness/static-app-fixtures'

const e2e = useReactApp()

const owner: ReactAppAccount = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
}
const member: ReactAppAccount = {
  firstName: 'Grace',
  lastName: 'Hopper',
  email: 'grace@example.com',
  password: 'a compiler is a program',
}

/**
 * The authenticator app of the test: the code of the current 30 s step, or of the next one when the
 * current step was already used (the server accepts each step once, and one step of drift).
 */
function authenticatorApp(secret: string) {
  let lastStep = -Infinity
  return () => {
    lastStep = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1)
    return generateTotp(secret, lastStep * 30_000)
  }
}

/** Saves a screenshot of a key screen, and checks the screen against WCAG 2.1 AA with axe-core. */
async function screenshot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, name)
  expect(describeViolations(name, await accessibilityViolations(page))).toEqual([])
}

/** A new browser context (another device) whose pages can be checked with axe-core. */
async function newDevice() {
  const context = await e2e.newContext()
  await installAxe(context)
  return context
}

/**
 * Turns on TOTP in the account page's UserProfile (screenshots `{prefix}-mfa-setup` and
 * `{prefix}-mfa-backup-codes`). Returns the test's authenticator app and the backup codes.
 */
async function turnOnTotp(page: Page, prefix: string) {
  await navigateTo(page, 'Account')
  await openPane(page, 'Security')
  const mfa = region(page, 'Two-step verification')
  await mfa.getByRole('button', { name: 'Set up an authenticator app' }).click()
  await mfa.getByRole('img', { name: 'QR code to add this account to your authenticator app' }).waitFor()
  const secret = (await mfa.getByText('Cannot scan it?').locator('code').textContent())!.trim()
  expect(secret).toMatch(/^[A-Z2-7]+=*$/)
  const nextCode = authenticatorApp(secret)
  await screenshot(page, `${prefix}-mfa-setup`)
  await mfa.getByLabel('Verification code').fill(await nextCode())
  await mfa.getByRole('button', { name: 'Turn on' }).click()
  const backupCodeList = mfa.getByRole('list', { name: 'Backup codes' })
  await backupCodeList.waitFor()
  const backupCodes = await backupCodeList.getByRole('listitem').allTextContents()
  expect(backupCodes).toHaveLength(10)
  await screenshot(page, `${prefix}-mfa-backup-codes`)
  await mfa.getByRole('button', { name: 'I saved my codes' }).click()
  await mfa.getByText('Your authenticator app is set up.').waitFor()
  return { nextCode, backupCodes }
}

/** Waits for the signed-in dashboard of `account`. */
async function dashboardOf(page: Page, account: ReactAppAccount) {
  await page.getByRole('heading', { name: `Welcome, ${account.firstName}`, level: 1 }).waitFor()
  await userMenuButton(page, account).waitFor()
  expect(new URL(page.url()).pathname).toBe('/dashboard')
}

test('the whole journey: sign-up, email verification, TOTP, passkey, organization, invitation, session revocation', {
  timeout: 240_000,
}, async () => {
  const ownerDevice = await newDevice()
  const page = await e2e.openApp(ownerDevice)

  // ---- Sign up, then verify the address through the app's dev inbox ----
  await page.getByRole('heading', { name: /Auth for your React app/ }).waitFor()
  await screenshot(page, 'react-1-landing')
  await page.getByRole('main').getByRole('link', { name: 'Create account' }).click()
  await submitSignUp(page, owner)
  await page.getByRole('heading', { name: 'Verify your email', level: 1 }).waitFor()
  await userMenuButton(page, owner).waitFor()
  await screenshot(page, 'react-2-sign-up-verify-email')

  await page.getByRole('link', { name: 'Open the dev inbox' }).click()
  await expect.poll(() => page.getByRole('textbox', { name: 'Email address' }).inputValue()).toBe(owner.email)
  await page.getByRole('article', { name: 'Verify your email address' }).waitFor()
  await screenshot(page, 'react-3-dev-inbox')
  await openInboxLink(page, 'Verify your email address')
  await page.getByRole('heading', { name: 'Email verified' }).waitFor()
  // The single-use token does not stay in the address bar.
  expect(new URL(page.url()).search).toBe('')
  await page.getByRole('button', { name: 'Continue' }).click()
  await dashboardOf(page, owner)
  const account = region(page, 'Your account')
  await account.getByText('verified', { exact: true }).waitFor()
  expect(await page.getByRole('region', { name: 'Verify your email' }).count()).toBe(0)
  await screenshot(page, 'react-4-dashboard')

  // ---- Sign out and in again ----
  await signOutThroughMenu(page, owner)
  await goToSignIn(page)
  await submitSignIn(page, owner)
  await dashboardOf(page, owner)

  // ---- Turn on TOTP in UserProfile; the test is the authenticator app ----
  const { nextCode, backupCodes } = await turnOnTotp(page, 'react-5')

  // ---- Sign in through the MFA step ----
  await signOutThroughMenu(page, owner)
  await goToSignIn(page)
  await submitSignIn(page, owner)
  await page.getByRole('heading', { name: 'Two-step verification', level: 1 }).waitFor()
  await screenshot(page, 'react-6-mfa-step')
  await page.getByLabel('Verification code').fill(await nextCode())
  await page.getByRole('button', { name: 'Verify' }).click()
  await dashboardOf(page, owner)

  // ---- Register a passkey (Chromium's virtual authenticator), then sign in with it ----
  const authenticator = await addVirtualAuthenticator(page)
  await navigateTo(page, 'Account')
  await openPane(page, 'Security')
  const passkeys = region(page, 'Passkeys')
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click()
  await passkeys.getByRole('status').filter({ hasText: 'Your passkey is added.' }).waitFor()
  await passkeys
    .getByRole('listitem')
    .getByText(/never used/)
    .waitFor()
  expect(await authenticator.credentials()).toHaveLength(1)
  await screenshot(page, 'react-7-passkeys')

  await signOutThroughMenu(page, owner)
  await goToSignIn(page)
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  // A passkey is multi-factor by itself: no code step.
  await dashboardOf(page, owner)

  // ---- Create an organization and invite a second person ----
  await page.getByRole('button', { name: /^Switch organization/ }).click()
  await page.getByRole('menuitem', { name: 'Create organization' }).click()
  await page.getByLabel('Organization name').fill('Analytical Engines')
  expect(await page.getByLabel('URL slug').inputValue()).toBe('analytical-engines')
  await page.getByRole('button', { name: 'Create organization' }).click()
  await page.getByRole('heading', { name: 'Analytical Engines', level: 1 }).waitFor()
  expect(new URL(page.url()).pathname).toBe('/organization')
  await page.getByRole('button', { name: 'Switch organization, current: Analytical Engines' }).waitFor()

  await openPane(page, 'Invitations')
  const invitations = region(page, 'Invitations')
  await invitations.getByLabel('Email').fill(member.email)
  await invitations.getByRole('button', { name: 'Send invitation' }).click()
  await invitations.getByText(`We sent an invitation to ${member.email}.`).waitFor()
  await invitations.getByRole('listitem').filter({ hasText: member.email }).waitFor()
  await screenshot(page, 'react-8-organization')

  // ---- The invitee opens the link on their own device, signs up, verifies, accepts ----
  await expect
    .poll(async () =>
      (await e2e.server.readOutbox(member.email)).some((message) => message.link?.includes('/accept-invitation?')),
    )
    .toBe(true)
  const invitation = (await e2e.server.readOutbox(member.email)).find((message) =>
    message.link?.includes('/accept-invitation?'),
  )!
  expect(new URL(invitation.link!).origin).toBe(e2e.app.origin)
  const memberDevice = await newDevice()
  const invitee = await e2e.openApp(memberDevice, new URL(invitation.link!).pathname + new URL(invitation.link!).search)
  await invitee.getByRole('heading', { name: 'You have been invited to an organization' }).waitFor()
  await invitee.getByRole('link', { name: 'Create an account' }).click()
  await submitSignUp(invitee, member)
  await invitee.getByRole('heading', { name: 'Verify your email', level: 1 }).waitFor()
  // "Continue" brings the invitee back to the invitation, which needs a verified address first.
  await invitee.getByRole('button', { name: 'Continue' }).click()
  await invitee.getByRole('heading', { name: 'You have been invited to an organization' }).waitFor()
  expect(await invitee.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0)
  await invitee.getByRole('link', { name: 'Open the dev inbox' }).click()
  await openInboxLink(invitee, 'Verify your email address')
  await invitee.getByRole('heading', { name: 'Email verified' }).waitFor()
  await invitee.getByRole('button', { name: 'Continue' }).click()
  await invitee.getByRole('button', { name: 'Accept invitation' }).click()
  await invitee.getByRole('heading', { name: 'You joined Analytical Engines' }).waitFor()
  await invitee.getByRole('button', { name: 'Switch organization, current: Analytical Engines' }).waitFor()
  await screenshot(invitee, 'react-9-invitation-accepted')

  // The owner sees the new member (after a reload: the list is cached while the page is open).
  await page.reload()
  // The pane is kept in the URL's hash (routing="hash"): the reload reopens Invitations.
  await page.getByRole('tab', { name: 'Invitations', selected: true }).waitFor()
  await openPane(page, 'Members')
  await region(page, 'Members').getByText(member.email).waitFor()

  // The same link again is refused clearly: it is single-use.
  await invitee.goto(invitation.link!)
  await invitee.getByRole('button', { name: 'Accept invitation' }).click()
  await invitee.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor()
  await invitee
    .getByRole('alert')
    .filter({ hasText: 'This invitation has expired, was revoked, or was already used.' })
    .waitFor()
  expect(await invitee.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0)

  // ---- The owner, signed in on another device, has that session revoked from the first one ----
  const otherDevice = await newDevice()
  const other = await e2e.openApp(otherDevice, '/sign-in')
  await submitSignIn(other, owner)
  await other.getByRole('button', { name: 'Use a backup code instead' }).click()
  await other.getByLabel('Backup code').fill(backupCodes[0]!)
  await other.getByRole('button', { name: 'Verify' }).click()
  await dashboardOf(other, owner)

  await navigateTo(page, 'Account')
  await openPane(page, 'Sessions')
  const sessions = region(page, 'Active sessions')
  await expect.poll(() => sessions.getByRole('listitem').count()).toBe(2)
  await screenshot(page, 'react-10-sessions')
  // From the row's menu, then confirmed in a modal dialog.
  await sessions
    .getByRole('listitem')
    .filter({ hasNotText: 'This device' })
    .getByRole('button', { name: /^Actions for / })
    .click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  const confirm = page.getByRole('alertdialog', { name: /^Sign out .*\?$/ })
  await confirm.waitFor()
  await screenshot(page, 'react-10b-confirm-sign-out')
  await confirm.getByRole('button', { name: 'Sign out' }).click()
  await sessions.getByText('The session was signed out.').waitFor()
  await expect.poll(() => sessions.getByRole('listitem').count()).toBe(1)

  // The other device finds out at its next request to the server (here: the dashboard re-reads the user
  // after a reload) and is signed out, with the reason, on the sign-in page.
  await other.reload()
  await other.getByRole('status').filter({ hasText: 'this session was ended from another device' }).waitFor()
  await other.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
  expect(new URL(other.url()).searchParams.get('redirect')).toBe('/dashboard')
  expect(await userMenuButton(other, owner).count()).toBe(0)
  await screenshot(other, 'react-11-session-revoked')
  // The first device is still signed in.
  await userMenuButton(page, owner).waitFor()
})

// Its own account: the journey above has used two TOTP steps by then, and a third code in the same 30 s
// would be refused (the server accepts each step once, and one step of drift).
test('a magic link for an account with TOTP continues into the code step on /auth/callback and signs in', {
  timeout: 120_000,
}, async () => {
  const mary: ReactAppAccount = {
    firstName: 'Mary',
    lastName: 'Somerville',
    email: 'mary@example.com',
    password: 'on the connexion of the physical sciences',
  }
  const device = await newDevice()
  const page = await e2e.openApp(device, '/sign-up')
  await submitSignUp(page, mary)
  await userMenuButton(page, mary).waitFor()
  const { nextCode } = await turnOnTotp(page, 'react-magic-link')
  await signOutThroughMenu(page, mary)

  // The link is one factor: the server spends it and asks for the second (MFA_REQUIRED).
  await goToSignIn(page)
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
  await page.getByLabel('Email', { exact: true }).fill(mary.email)
  await page.getByRole('button', { name: 'Send sign-in link' }).click()
  await page.getByRole('heading', { name: 'Check your email', level: 1 }).waitFor()
  await page.goto(`${e2e.app.origin}/dev/inbox?${new URLSearchParams({ to: mary.email })}`)
  await openInboxLink(page, 'Your sign-in link')
  await page.getByRole('heading', { name: 'Two-step verification', level: 1 }).waitFor()
  expect(new URL(page.url()).pathname).toBe('/auth/callback')
  await screenshot(page, 'react-magic-link-mfa-step')
  await page.getByLabel('Verification code').fill(await nextCode())
  await page.getByRole('button', { name: 'Verify' }).click()
  await dashboardOf(page, mary)
})
