import { expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import {
  navigateTo,
  openPane,
  region,
  submitSignUp,
  userMenuButton,
  type ReactAppAccount,
} from './harness/react-actions'
import { useReactApp } from './harness/static-app-fixtures'

// Short tokens, so the first background refresh (halfway: ~3 s) and the token's expiry (6 s) both happen
// while the server is down.
const ACCESS_TOKEN_TTL = 6

const e2e = useReactApp({ accessTokenTtl: ACCESS_TOKEN_TTL })

const person: ReactAppAccount = {
  firstName: 'Offline',
  lastName: 'Tester',
  email: 'offline@example.com',
  password: 'still here after the outage',
}

test('the server goes away mid-session: the app shows it is retrying, keeps the user signed in, and carries on when the server is back', async () => {
  const page = await e2e.openApp(await e2e.newContext(), '/sign-up')
  const signUp = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/signup')
  await submitSignUp(page, person)
  const { tokens } = (await (await signUp).json()) as { tokens: { expires_in: number } }
  const expiresAt = Date.now() + tokens.expires_in * 1000
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Welcome, Offline', level: 1 }).waitFor()

  await e2e.server.stop()

  // The background refresh fails with a network error: the banner says so, and the user stays signed in,
  // even once the access token has expired (the client keeps retrying with backoff).
  const offline = page.getByRole('status').filter({ hasText: "Can't reach the Plinto server. Retrying…" })
  await offline.waitFor({ timeout: ACCESS_TOKEN_TTL * 1000 })
  // Waiting for the clock itself here: the point is to be past the token's expiry.
  await page.waitForTimeout(Math.max(0, expiresAt - Date.now()) + 500)
  await offline.waitFor()
  await userMenuButton(page, person).waitFor()
  expect(await page.getByRole('heading', { name: 'Welcome, Offline', level: 1 }).isVisible()).toBe(true)
  expect(await page.getByRole('status').filter({ hasText: 'You were signed out' }).count()).toBe(0)
  await screenshot(page, 'react-offline-retrying')

  // Same port, same data directory: the refresh token the app holds is still known to the server. The
  // client's next backoff retry gets through (new tokens), and the banner goes away.
  const refreshed = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/v1/auth/refresh' && response.ok(),
    { timeout: 20_000 },
  )
  await e2e.server.restart()
  await refreshed
  await offline.waitFor({ state: 'detached' })
  await userMenuButton(page, person).waitFor()

  // The app keeps working: the account page loads this session from the server.
  await navigateTo(page, 'Account')
  await openPane(page, 'Sessions')
  const sessions = region(page, 'Active sessions')
  await sessions.getByRole('listitem').filter({ hasText: 'This device' }).waitFor()
  expect(await sessions.getByRole('listitem').count()).toBe(1)
  expect(await page.getByRole('status').filter({ hasText: 'You were signed out' }).count()).toBe(0)
})
