import type { BrowserContext, Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import { submitSignUp, userMenuButton, type ReactAppAccount } from './harness/react-actions'
import { useReactApp } from './harness/static-app-fixtures'

const e2e = useReactApp({ tokenStorage: 'cookie' })

const person: ReactAppAccount = {
  firstName: 'Cookie',
  lastName: 'Monster',
  email: 'cookie@example.com',
  password: 'kept out of reach of scripts',
}

/** The refresh cookie as the browser holds it (scoped to the API's /auth path, so ask with such a URL). */
async function refreshCookie(context: BrowserContext) {
  return (await context.cookies(`${e2e.server.url}/api/v1/auth/refresh`)).find(
    (cookie) => cookie.name === 'plinto_refresh',
  )
}

/** What the page's scripts can read: web storage and `document.cookie`. */
function readableByScripts(page: Page) {
  return page.evaluate(() => ({
    localStorage: { ...localStorage },
    sessionStorage: { ...sessionStorage },
    cookie: document.cookie,
  }))
}

test('cookie mode: a reload keeps the session, and no token is in web storage', async () => {
  const context = await e2e.newContext()
  const page = await e2e.openApp(context, '/sign-up')
  await submitSignUp(page, person)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Welcome, Cookie', level: 1 }).waitFor()

  // The refresh token is the server's HttpOnly cookie.
  const cookie = await refreshCookie(context)
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/api/v1/auth' })
  const storedBefore = await readableByScripts(page)

  // A reload starts with nothing in JavaScript: the client restores the session from the cookie.
  const restored = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/v1/auth/refresh' && response.ok(),
  )
  await page.reload()
  await restored
  await page.getByRole('heading', { name: 'Welcome, Cookie', level: 1 }).waitFor()
  await userMenuButton(page, person).waitFor()
  expect(new URL(page.url()).pathname).toBe('/dashboard')
  await screenshot(page, 'react-cookie-after-reload')

  const rotated = (await refreshCookie(context))!.value
  for (const stored of [storedBefore, await readableByScripts(page)]) {
    const text = JSON.stringify(stored)
    // No access token (a JWT starts with `eyJ`), no refresh token, old or rotated.
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/)
    expect(text).not.toContain(cookie!.value)
    expect(text).not.toContain(rotated)
    expect(stored.localStorage).toEqual({})
    expect(stored.cookie).toBe('')
  }
})
