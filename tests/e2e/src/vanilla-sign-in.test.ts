import { generateTotp } from '@plinto/server'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import { eventLog, waitForStatus } from './harness/page-state'
import { useVanilla } from './harness/static-app-fixtures'

const e2e = useVanilla()

async function signUp(
  page: Page,
  { firstName, email, password }: { firstName: string; email: string; password: string },
) {
  const form = page.getByRole('form', { name: 'Create an account' })
  await form.getByLabel('First name').fill(firstName)
  await form.getByLabel('Email', { exact: true }).fill(email)
  await form.getByLabel('Password', { exact: true }).fill(password)
  await form.getByRole('button', { name: 'Create account' }).click()
}

async function signIn(page: Page, { email, password }: { email: string; password: string }) {
  const form = page.getByRole('form', { name: 'Sign in' })
  await form.getByLabel('Email', { exact: true }).fill(email)
  await form.getByLabel('Password', { exact: true }).fill(password)
  await form.getByRole('button', { name: 'Sign in' }).click()
}

/** A JSON call to the reference server from the test, as another device of the user would make it. */
async function api<T>(path: string, { token, json }: { token?: string; json?: unknown } = {}): Promise<T> {
  const response = await fetch(`${e2e.server.nodeUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(json ?? {}),
  })
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

describe('examples/vanilla: sign-up and sign-in in Chromium', () => {
  test('sign up → open the verification link from the outbox → sign out → sign in → the verified user', async () => {
    const account = { firstName: 'Ada', email: 'ada@example.com', password: 'correct horse battery staple' }
    const page = await e2e.openApp(await e2e.newContext())
    await waitForStatus(page, 'signed_out')
    await screenshot(page, 'vanilla-1-signed-out')

    await signUp(page, account)
    await page.getByRole('heading', { name: 'Welcome, Ada' }).waitFor()
    await expect.poll(() => page.locator('#user-verified').textContent()).toBe('not verified')
    await expect.poll(() => page.locator('#user-email').textContent()).toBe(account.email)

    // The server hands mail to its sender without waiting for it; poll the outbox.
    await expect.poll(async () => (await e2e.server.readOutbox(account.email)).length).toBeGreaterThan(0)
    const [verification] = await e2e.server.readOutbox(account.email)
    expect(verification?.subject).toMatch(/verify/i)
    const link = new URL(verification!.link!)
    expect(link.origin).toBe(e2e.app.origin)
    expect(link.pathname).toBe('/verify-email')

    await page.goto(link.href)
    await page.locator('#notice').filter({ hasText: 'Your email is verified.' }).waitFor()
    await expect.poll(() => page.locator('#user-verified').textContent()).toBe('verified')
    // The single-use token does not stay in the address bar or the history.
    expect(new URL(page.url()).pathname).toBe('/')
    expect(new URL(page.url()).search).toBe('')
    await screenshot(page, 'vanilla-2-signed-in')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await waitForStatus(page, 'signed_out')
    await signIn(page, account)
    await page.getByRole('heading', { name: 'Welcome, Ada' }).waitFor()
    await expect.poll(() => page.locator('#user-verified').textContent()).toBe('verified')

    // The log starts over with the page load of the link: restoring the stored session emits nothing.
    expect(await eventLog(page)).toEqual([
      `userUpdated ${account.email}`,
      'emailVerified Your email is verified.',
      'signedOut reason: user',
      `signedIn ${account.email}`,
    ])
  })

  test('a wrong password is announced and keeps the user signed out', async () => {
    const page = await e2e.openApp(await e2e.newContext())
    await waitForStatus(page, 'signed_out')
    await signIn(page, { email: 'nobody@example.com', password: 'not the passphrase' })
    const form = page.getByRole('form', { name: 'Sign in' })
    await form.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor()
    expect(await page.locator('#status').getAttribute('data-status')).toBe('signed_out')
  })

  test('sign-in with MFA: the code step, a wrong code, then a backup code', async () => {
    const account = { email: 'grace@example.com', password: 'a long enough passphrase' }
    // Another device of the user turns on TOTP: sign up, enable, confirm with the current code.
    const { tokens } = await api<{ tokens: { access_token: string } }>('/auth/signup', {
      json: { ...account, first_name: 'Grace' },
    })
    const setup = await api<{ secret: string; backup_codes: string[] }>('/mfa/totp/enable', {
      token: tokens.access_token,
    })
    await api('/mfa/totp/verify', {
      token: tokens.access_token,
      json: { code: await generateTotp(setup.secret, Date.now()) },
    })

    const page = await e2e.openApp(await e2e.newContext())
    await waitForStatus(page, 'signed_out')
    await signIn(page, account)
    const mfa = page.getByRole('form', { name: 'Two-step verification' })
    await mfa.waitFor()
    expect(await page.getByRole('form', { name: 'Sign in' }).isVisible()).toBe(false)
    // Focus moves to the step, so keyboard and screen-reader users land on it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('mfa-title')
    await screenshot(page, 'vanilla-3-mfa-step')

    await mfa.getByLabel('Verification code').fill('000000')
    await mfa.getByRole('button', { name: 'Verify' }).click()
    await mfa.getByRole('alert').filter({ hasText: 'That code did not work' }).waitFor()
    expect(await page.locator('#status').getAttribute('data-status')).toBe('signed_out')

    await mfa.getByLabel('Verification code').fill(setup.backup_codes[0]!)
    await mfa.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('heading', { name: 'Welcome, Grace' }).waitFor()
    await waitForStatus(page, 'signed_in')
    expect(await eventLog(page)).toContain(`signedIn ${account.email}`)
  })
})
