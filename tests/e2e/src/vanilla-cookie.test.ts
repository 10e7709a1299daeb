import type { BrowserContext, Response } from 'playwright-core'
import { expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import { eventLog, waitForStatus } from './harness/page-state'
import { useVanilla } from './harness/static-app-fixtures'

const e2e = useVanilla({ tokenStorage: 'cookie' })

/** The refresh cookie as the browser holds it (scoped to the API's /auth path, so ask with such a URL). */
async function refreshCookie(context: BrowserContext) {
  return (await context.cookies(`${e2e.server.url}/api/v1/auth/refresh`)).find(
    (cookie) => cookie.name === 'plinto_refresh',
  )
}

test('cookie mode: the refresh token never reaches JavaScript, and a reload restores the session from the HttpOnly cookie', async () => {
  const context = await e2e.newContext()
  // Every JSON body the API sent to the page.
  const bodies: Array<{
    path: string
    status: number
    body: string
    requestBody: string | null
    afterReload: boolean
  }> = []
  let reloaded = false
  const pending: Array<Promise<void>> = []
  context.on('response', (response: Response) => {
    const url = new URL(response.url())
    if (url.origin !== e2e.server.url || !response.headers()['content-type']?.includes('application/json')) return
    const entry = {
      path: url.pathname,
      status: response.status(),
      requestBody: response.request().postData(),
      afterReload: reloaded,
    }
    pending.push(response.text().then((body) => void bodies.push({ ...entry, body })))
  })

  const page = await e2e.openApp(context)
  await waitForStatus(page, 'signed_out')
  const form = page.getByRole('form', { name: 'Create an account' })
  await form.getByLabel('First name').fill('Cookie')
  await form.getByLabel('Email', { exact: true }).fill('cookie@example.com')
  await form.getByLabel('Password', { exact: true }).fill('kept out of reach of scripts')
  await form.getByRole('button', { name: 'Create account' }).click()
  await waitForStatus(page, 'signed_in')
  const userId = await page.locator('#user-id').textContent()

  // The browser holds the refresh token as the server set it: HttpOnly, Secure, SameSite=Lax, scoped to /auth.
  const cookie = await refreshCookie(context)
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/api/v1/auth' })
  const refreshToken = cookie!.value
  expect(refreshToken.length).toBeGreaterThan(20)

  // Nothing the page's scripts can read contains it.
  const visibleToScripts = () =>
    page.evaluate(() => ({
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      html: document.documentElement.outerHTML,
    }))
  const afterSignUp = await visibleToScripts()
  for (const [where, content] of Object.entries(afterSignUp)) {
    expect(content, where).not.toContain(refreshToken)
    expect(content, where).not.toContain('refresh_token')
  }
  expect(afterSignUp.localStorage).toBe('{}')
  expect(afterSignUp.sessionStorage).toBe('{}')
  expect(afterSignUp.cookie).toBe('')

  // A reload starts from nothing in JavaScript: the client restores the session with an empty-body
  // POST /auth/refresh that carries only the cookie.
  reloaded = true
  await page.reload()
  await waitForStatus(page, 'signed_in')
  expect(await page.locator('#user-id').textContent()).toBe(userId)
  await screenshot(page, 'vanilla-6-cookie-mode-restored')
  await Promise.all(pending)
  const restores = bodies.filter((entry) => entry.afterReload && entry.path === '/api/v1/auth/refresh')
  expect(restores).toHaveLength(1)
  expect(restores[0]).toMatchObject({ status: 200, requestBody: null })
  // No response body ever carried a refresh token.
  expect(bodies.length).toBeGreaterThanOrEqual(3)
  for (const { path, body } of bodies) expect(body, path).not.toContain('refresh_token')

  // The cookie rotated with that refresh, and the page still cannot see it.
  const rotated = await refreshCookie(context)
  expect(rotated?.value).toBeDefined()
  expect(rotated!.value).not.toBe(refreshToken)
  for (const [where, content] of Object.entries(await visibleToScripts()))
    expect(content, where).not.toContain(rotated!.value)

  // Signing out ends the session for good: after a reload there is nothing to restore.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await waitForStatus(page, 'signed_out')
  await page.reload()
  await waitForStatus(page, 'signed_out')
  expect(await eventLog(page)).toEqual([])
})
