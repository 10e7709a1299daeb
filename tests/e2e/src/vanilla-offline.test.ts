import { expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import { eventLog, refreshCount, sessionStatus, waitForStatus } from './harness/page-state'
import { useVanilla } from './harness/static-app-fixtures'

// Short tokens, so the first background refresh (halfway: ~3 s) and the token's expiry (6 s) both happen
// while the server is down.
const ACCESS_TOKEN_TTL = 6

const e2e = useVanilla({ accessTokenTtl: ACCESS_TOKEN_TTL })

test('the server goes away mid-session: the page stays signed in and retries, and carries on when the server is back', async () => {
  const context = await e2e.newContext()
  const page = await e2e.openApp(context)
  await waitForStatus(page, 'signed_out')
  const form = page.getByRole('form', { name: 'Create an account' })
  await form.getByLabel('First name').fill('Offline')
  await form.getByLabel('Email', { exact: true }).fill('offline@example.com')
  await form.getByLabel('Password', { exact: true }).fill('still here after the outage')
  await form.getByRole('button', { name: 'Create account' }).click()
  await waitForStatus(page, 'signed_in')
  const userId = await page.locator('#user-id').textContent()

  await e2e.server.stop()

  // The background refresh fails with a network error: the page says so, and the user stays signed in,
  // even once the access token has expired.
  const offline = page.getByRole('status').filter({ hasText: "Can't reach the Plinto server" })
  await offline.waitFor({ timeout: ACCESS_TOKEN_TTL * 1000 })
  await page
    .locator('#token-expiry')
    .filter({ hasText: /^expired/ })
    .waitFor({ timeout: ACCESS_TOKEN_TTL * 1000 })
  await offline.waitFor()
  expect(await sessionStatus(page)).toBe('signed_in')
  expect(await page.getByRole('heading', { name: 'Welcome, Offline' }).isVisible()).toBe(true)
  await screenshot(page, 'vanilla-7-offline-retrying')
  const failures = (await eventLog(page)).filter((line) => line.startsWith('error NETWORK_ERROR'))
  expect(failures.length).toBeGreaterThanOrEqual(1)

  // Same port, same data directory: the refresh token the page holds is still known to the server.
  await e2e.server.restart()
  // The client's backoff retry (≤ 8 s at this point) gets through: new tokens, banner gone.
  await expect.poll(() => refreshCount(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(1)
  await offline.waitFor({ state: 'hidden' })
  await page
    .locator('#token-expiry')
    .filter({ hasText: /^expires in/ })
    .waitFor()
  expect(await sessionStatus(page)).toBe('signed_in')
  expect(await page.locator('#user-id').textContent()).toBe(userId)
  const events = await eventLog(page)
  expect(events.filter((line) => /^(signedOut|sessionExpired)\b/.test(line))).toEqual([])
  expect(events.at(-1)).toMatch(/^tokenRefreshed here, valid until /)

  // The session is alive on the server, too: a reload restores it and refreshes keep working.
  await page.reload()
  await waitForStatus(page, 'signed_in')
  expect(await page.locator('#user-id').textContent()).toBe(userId)
  await expect.poll(() => refreshCount(page), { timeout: ACCESS_TOKEN_TTL * 1000 }).toBeGreaterThanOrEqual(1)
  expect(await sessionStatus(page)).toBe('signed_in')
})
