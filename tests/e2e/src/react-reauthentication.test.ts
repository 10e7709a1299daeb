// Re-authentication in the browser: examples/react-vite (a production build) against the real reference server,
// started with a 3-second `reauthenticationMaxAgeSeconds` so the session ages past it in real time. Changing the
// password then opens @plinto/ui's ReauthenticationDialog (loaded on demand); the person re-enters their password and
// the password change completes by itself.
import { expect, test } from 'vitest'
import { accessibilityViolations, describeViolations, installAxe } from './harness/axe'
import { screenshot } from './harness/browser'
import {
  goToSignIn,
  navigateTo,
  openPane,
  region,
  submitSignIn,
  submitSignUp,
  type ReactAppAccount,
} from './harness/react-actions'
import { useReactApp } from './harness/static-app-fixtures'

const MAX_AGE_SECONDS = 3
const e2e = useReactApp({ reauthenticationMaxAgeSeconds: MAX_AGE_SECONDS })

const ada: ReactAppAccount = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
}
const NEW_PASSWORD = 'an entirely new passphrase'

test('a stale session changing its password is asked for it again in a dialog, and the change completes', {
  timeout: 120_000,
}, async () => {
  const context = await e2e.newContext()
  await installAxe(context)
  const page = await e2e.openApp(context)
  await page.getByRole('main').getByRole('link', { name: 'Create account' }).click()
  await submitSignUp(page, ada)
  await page.getByRole('heading', { name: 'Verify your email', level: 1 }).waitFor()

  await navigateTo(page, 'Account')
  // The password form is in UserProfile's Security pane.
  await openPane(page, 'Security')
  const password = region(page, 'Password')
  await password.getByLabel('Current password').fill(ada.password)
  await password.getByLabel('New password').fill(NEW_PASSWORD)
  // Past the server's max age since the sign-up signed in.
  await page.waitForTimeout((MAX_AGE_SECONDS + 1) * 1000)
  await password.getByRole('button', { name: 'Change password' }).click()

  const dialog = page.getByRole('dialog', { name: 'Confirm it’s you' })
  await dialog.waitFor()
  // A real modal: the field has focus, and the page behind is inert.
  await expect
    .poll(() => dialog.getByLabel('Password').evaluate((field) => field === document.activeElement))
    .toBe(true)
  expect(await page.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true)
  expect(describeViolations('reauthentication dialog', await accessibilityViolations(page))).toEqual([])
  await screenshot(page, 'react-reauthentication-dialog')

  await dialog.getByLabel('Password').fill('not my password')
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await dialog.getByText('That password is not correct.').waitFor()

  await dialog.getByLabel('Password').fill(ada.password)
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await password.getByText('Your password is changed.').waitFor()
  await dialog.waitFor({ state: 'detached' })

  // The change really happened: the new password signs in on another device, the old one does not.
  const other = await e2e.openApp(await e2e.newContext())
  await goToSignIn(other)
  await submitSignIn(other, ada)
  await other.getByText('The email or password is incorrect.').waitFor()
  await submitSignIn(other, { email: ada.email, password: NEW_PASSWORD })
  await other.getByRole('heading', { name: `Welcome, ${ada.firstName}`, level: 1 }).waitFor()
})
