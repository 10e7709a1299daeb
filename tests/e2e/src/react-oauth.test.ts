import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import { userMenuButton } from './harness/react-actions'
import { useReactApp } from './harness/static-app-fixtures'

const e2e = useReactApp()

/** From the app's sign-in page to the `dev` provider's consent page on the reference server. */
async function startDevOAuth(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'Continue with Development' }).click()
  await page.getByRole('heading', { name: 'Dev OAuth provider' }).waitFor()
  expect(new URL(page.url()).origin).toBe(e2e.server.url)
}

/** Fills in the identity the `dev` provider vouches for. */
async function fillConsent(
  page: Page,
  identity: { email: string; firstName: string; lastName: string },
): Promise<void> {
  await page.getByLabel('Email').fill(identity.email)
  await page.getByLabel('First name').fill(identity.firstName)
  await page.getByLabel('Last name').fill(identity.lastName)
}

describe('examples/react-vite: OAuth with the dev provider', () => {
  test('the redirect flow: consent on the server, back to /auth/callback, signed in on the page that asked for it', async () => {
    // A signed-out visit to a protected page goes to sign in, and comes back after the round trip.
    const page = await e2e.openApp(await e2e.newContext(), '/account')
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('redirect') === '/account')
    await startDevOAuth(page)
    await fillConsent(page, { email: 'olivia@example.com', firstName: 'Olivia', lastName: 'Auth' })
    await screenshot(page, 'react-oauth-1-consent')
    await page.getByRole('button', { name: 'Approve' }).click()

    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/account')
    await userMenuButton(page, { firstName: 'Olivia', lastName: 'Auth' }).waitFor()
    // The spent callback URL was replaced in the history: Back does not land on it again.
    await page.goBack()
    expect(new URL(page.url()).pathname).not.toBe('/auth/callback')

    await page.goto(e2e.url('/dashboard'))
    await page.getByRole('heading', { name: 'Welcome, Olivia', level: 1 }).waitFor()
    // The provider vouches for the address.
    await page.getByRole('region', { name: 'Your account' }).getByText('verified', { exact: true }).waitFor()
    await screenshot(page, 'react-oauth-2-signed-in')
  })

  test('a tampered state on the way back is refused: the app says so and nobody is signed in', async () => {
    const page = await e2e.openApp(await e2e.newContext(), '/sign-in')
    // The consent form's answer redirects through the server's provider callback to the app's
    // /auth/callback?code=…&state=…. Follow those redirects here and hand the browser that last URL with
    // the same code and another state, as an attacker rewriting the link would.
    let tampered: URL | undefined
    await page.route(
      (url) => url.pathname === '/api/v1/oauth/dev/consent',
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue()
        const approved = await route.fetch({ maxRedirects: 0 })
        const atProvider = await page.request.get(approved.headers().location!, { maxRedirects: 0 })
        const callback = new URL(atProvider.headers().location!)
        callback.searchParams.set('state', randomBytes(32).toString('base64url'))
        tampered = callback
        await route.fulfill({ status: 302, headers: { location: callback.href } })
      },
    )
    const codeExchanges: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/oauth/dev/callback')
        codeExchanges.push(request.url())
    })
    await startDevOAuth(page)
    await fillConsent(page, { email: 'mallory@example.com', firstName: 'Mallory', lastName: 'Tamper' })
    await page.getByRole('button', { name: 'Approve' }).click()

    await page.getByRole('heading', { name: 'The sign-in did not complete' }).waitFor()
    await page.getByText('This sign-in was not started in this browser, or it took too long.').waitFor()
    expect(tampered!.origin + tampered!.pathname).toBe(e2e.url('/auth/callback'))
    expect(tampered!.searchParams.get('code')).toBeTruthy()
    expect(new URL(page.url()).searchParams.has('code')).toBe(false)
    await screenshot(page, 'react-oauth-3-state-refused')
    // The SDK refused the return before spending the code at the server.
    expect(codeExchanges).toEqual([])

    expect(await userMenuButton(page, { firstName: 'Mallory', lastName: 'Tamper' }).count()).toBe(0)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor()
    await page.getByRole('link', { name: 'Back to sign in' }).click()
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
    // A signed-out user asking for the dashboard is sent to sign in.
    await page.goto(e2e.url('/dashboard'))
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
  })

  test('a denied consent is explained, and the user stays signed out', async () => {
    const page = await e2e.openApp(await e2e.newContext(), '/sign-in')
    await startDevOAuth(page)
    await page.getByRole('button', { name: 'Deny' }).click()
    await page.getByRole('heading', { name: 'The sign-in did not complete' }).waitFor()
    await page.getByText('The provider did not confirm the sign-in.').waitFor()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor()
  })
})
