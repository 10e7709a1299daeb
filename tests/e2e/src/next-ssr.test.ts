import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import { useNextExample, type NextFixture } from './harness/next-fixture'

// examples/nextjs: server components and route handlers that know the user from the `plinto_session`
// cookie (a verified copy of the browser's access token), and a protected page that redirects.

const PASSWORD = 'correct horse battery staple'

/** Creates an account through the API, as another device would. */
async function createUser(next: NextFixture, email: string, firstName: string): Promise<void> {
  const response = await fetch(`${next.server.nodeUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, first_name: firstName }),
  })
  expect(response.status).toBe(201)
}

/** Signs in through `<SignIn>` on `/sign-in` (or the page it is already on) and waits for the dashboard. */
async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL('**/dashboard')
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
}

/** The raw HTML the server renders for `path` with the context's cookies: no JavaScript runs. */
async function serverHtml(context: BrowserContext, origin: string, path: string): Promise<string> {
  const response = await context.request.get(new URL(path, origin).href, { maxRedirects: 0 })
  expect(response.status()).toBe(200)
  return response.text()
}

async function sessionCookie(context: BrowserContext, origin: string) {
  return (await context.cookies(origin)).find((cookie) => cookie.name === 'plinto_session')
}

/** The claims of a JWT, decoded without verification (the app verified it; the test only reads it). */
function jwtPart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8')) as Record<string, unknown>
}

describe('Next.js example: server-side rendering with the Plinto session', () => {
  const next = useNextExample()

  test('a signed-out request to /dashboard is redirected to the sign-in page', async () => {
    const response = await fetch(`${next.app.origin}/dashboard`, { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('/sign-in?redirect_url=/dashboard')

    const me = await fetch(`${next.app.origin}/api/me`)
    expect(me.status).toBe(401)
    expect(me.headers.get('cache-control')).toBe('no-store')
    expect(await me.json()).toMatchObject({ error_code: 'UNAUTHORIZED' })

    const context = await next.newContext()
    const page = await next.openApp(context, '/dashboard')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe('/dashboard')
    await screenshot(page, 'next-sign-in-redirect')
  })

  test('after sign-up the dashboard is rendered on the server for the user, and /api/me returns them', async () => {
    const email = 'ada.next@example.com'
    const context = await next.newContext()
    const page = await next.openApp(context, '/sign-up')
    await page.getByLabel('First name').fill('Ada')
    await page.getByLabel('Last name').fill('Lovelace')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Verify your email' }).waitFor()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL('**/dashboard')
    await page.getByText(email).waitFor()
    await screenshot(page, 'next-dashboard')

    // The session cookie: the access token only, out of reach of scripts.
    const cookie = await sessionCookie(context, next.app.origin)
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false })
    expect(jwtPart(cookie!.value, 0)).toMatchObject({ typ: 'at+jwt' })
    const claims = jwtPart(cookie!.value, 1)
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000)
    expect(cookie!.expires).toBeLessThanOrEqual((claims.exp as number) + 1)
    expect((await context.cookies(next.app.origin)).map((c) => c.name)).toEqual(['plinto_session'])
    expect(await page.evaluate(() => document.cookie)).not.toContain('plinto_session')

    // Server-rendered: the HTML itself carries the user and the verified session ID.
    const html = await serverHtml(context, next.app.origin, '/dashboard')
    expect(html).toContain(email)
    expect(html).toContain(claims.sid as string)
    // No flash of signed-out UI: the provider handed the server's user to the client components, so
    // <UserButton> (which renders nothing until it knows a user) is already in the server's HTML.
    expect(html).toContain('aria-label="Account menu for Ada Lovelace"')
    expect(await serverHtml(context, next.app.origin, '/')).toMatch(
      /Signed in as <strong>ada\.next@example\.com<\/strong>/,
    )

    const me = await context.request.get(`${next.app.origin}/api/me`)
    expect(me.status()).toBe(200)
    expect(me.headers()['cache-control']).toBe('no-store')
    const body = (await me.json()) as {
      user: { id: string; email: string; first_name: string }
      claims: { sub: string; sid: string }
    }
    expect(body.user).toMatchObject({ email, first_name: 'Ada' })
    expect(body.claims).toMatchObject({ sub: body.user.id, sid: claims.sid })
  })

  test('two users in two browsers each get their own user from concurrent requests', async () => {
    const users = [
      { email: 'grace.next@example.com', name: 'Grace' },
      { email: 'alan.next@example.com', name: 'Alan' },
    ]
    const contexts = await Promise.all(
      users.map(async (user) => {
        await createUser(next, user.email, user.name)
        const context = await next.newContext()
        const page = await next.openApp(context, '/sign-in')
        await signIn(page, user.email)
        return context
      }),
    )

    // Interleaved requests from both browsers, all in flight together.
    const rounds = 6
    const results = await Promise.all(
      Array.from({ length: rounds * users.length }, async (_, i) => {
        const who = i % users.length
        const context = contexts[who]!
        const [html, me] = await Promise.all([
          serverHtml(context, next.app.origin, '/dashboard'),
          context.request
            .get(`${next.app.origin}/api/me`)
            .then((response) => response.json() as Promise<{ user: { email: string } }>),
        ])
        return { who, html, email: me.user.email }
      }),
    )
    for (const { who, html, email } of results) {
      const other = users[1 - who]!
      expect(email).toBe(users[who]!.email)
      expect(html).toContain(users[who]!.email)
      expect(html).not.toContain(other.email)
    }
  })

  test('signing out removes the cookie, the server pages show signed out, and /dashboard redirects again', async () => {
    const email = 'katherine.next@example.com'
    await createUser(next, email, 'Katherine')
    const context = await next.newContext()
    const page = await next.openApp(context, '/dashboard')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await signIn(page, email) // and back to /dashboard, the redirect_url
    expect(await sessionCookie(context, next.app.origin)).toBeDefined()

    await page.getByRole('button', { name: 'Account menu for Katherine' }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.getByText('You are signed out.').waitFor() // server-rendered after the cookie went
    expect(new URL(page.url()).pathname).toBe('/')
    await screenshot(page, 'next-signed-out')

    expect(await sessionCookie(context, next.app.origin)).toBeUndefined()
    const dashboard = await context.request.get(`${next.app.origin}/dashboard`, { maxRedirects: 0 })
    expect(dashboard.status()).toBe(307)
    expect(dashboard.headers().location).toBe('/sign-in?redirect_url=/dashboard')
    expect((await context.request.get(`${next.app.origin}/api/me`)).status()).toBe(401)

    await page.goto(`${next.app.origin}/dashboard`)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
  })

  test('when the cookie is gone but the browser is still signed in, the sign-in page restores it and goes back', async () => {
    const email = 'dorothy.next@example.com'
    await createUser(next, email, 'Dorothy')
    const context = await next.newContext()
    const page = await next.openApp(context, '/sign-in')
    await signIn(page, email)

    // As when the cookie expired with its token while the tab was closed: the browser session lives on.
    await context.clearCookies({ name: 'plinto_session' })
    const response = await page.goto(`${next.app.origin}/dashboard`)
    expect(new URL(response!.url()).pathname).toBe('/sign-in') // the server redirected …
    await page.waitForURL('**/dashboard') // … the sign-in page synced the cookie and came back
    await page.getByText(email).waitFor()
    expect(await sessionCookie(context, next.app.origin)).toBeDefined()
    expect(await serverHtml(context, next.app.origin, '/dashboard')).toContain(email)
  })

  test('OAuth (the dev provider) and magic links come back through /auth/callback to the server-rendered dashboard', async () => {
    const context = await next.newContext()
    const page = await next.openApp(context, '/sign-in')
    await page.getByRole('button', { name: 'Continue with Development' }).click()
    await page.getByRole('heading', { name: 'Dev OAuth provider' }).waitFor()
    await page.getByLabel('Email').fill('mary.next@example.com')
    await page.getByRole('button', { name: 'Approve' }).click()
    await page.waitForURL('**/dashboard')
    await page.getByText('mary.next@example.com').waitFor()
    expect(await serverHtml(context, next.app.origin, '/dashboard')).toContain('mary.next@example.com')

    const email = 'joan.next@example.com'
    await createUser(next, email, 'Joan')
    const other = await next.newContext()
    const tab = await next.openApp(other, '/sign-in')
    await tab.getByRole('button', { name: 'Email me a sign-in link' }).click()
    await tab.getByLabel('Email').fill(email)
    await tab.getByRole('button', { name: 'Send sign-in link' }).click()
    await tab.getByRole('heading', { name: 'Check your email' }).waitFor()
    const link = (await next.server.readOutbox(email)).findLast((message) =>
      message.link?.includes('magic_token='),
    )?.link
    expect(link).toMatch(new RegExp(`^${next.app.origin}/auth/callback\\?`))
    await tab.goto(link!)
    await tab.waitForURL('**/dashboard')
    await tab.getByText(email).waitFor()
    expect(await serverHtml(other, next.app.origin, '/dashboard')).toContain(email)
  })

  test('the session route only takes a genuine token from a page of the app itself, in a body of sane size', async () => {
    const signup = await fetch(`${next.server.nodeUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mallory.next@example.com', password: PASSWORD }),
    })
    const token = ((await signup.json()) as { tokens: { access_token: string } }).tokens.access_token
    const post = (origin: string, accessToken: string) =>
      fetch(`${next.app.origin}/api/session`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: accessToken }),
      })

    // Another site posting its own valid token (login CSRF).
    const crossSite = await post('http://evil.example', token)
    expect(crossSite.status).toBe(403)
    expect(crossSite.headers.get('set-cookie')).toBeNull()

    // The same token with other claims: its signature no longer matches.
    const [header, , signature] = token.split('.')
    const forgedClaims = Buffer.from(JSON.stringify({ ...jwtPart(token, 1), sub: 'usr_someone_else' })).toString(
      'base64url',
    )
    const forged = await post(next.app.origin, `${header}.${forgedClaims}.${signature}`)
    expect(forged.status).toBe(401)
    expect(forged.headers.get('set-cookie')).toBeNull()

    // Malformed and oversized bodies get a typed error, and no cookie.
    const malformed = await fetch(`${next.app.origin}/api/session`, {
      method: 'POST',
      headers: { origin: next.app.origin, 'content-type': 'application/json' },
      body: '{"access_token":',
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ error_code: 'VALIDATION_ERROR' })
    const oversized = await post(next.app.origin, 'x'.repeat(20_000))
    expect(oversized.status).toBe(413)
    expect(await oversized.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' })
    expect(oversized.headers.get('set-cookie')).toBeNull()

    const genuine = await post(next.app.origin, token)
    expect(genuine.status).toBe(204)
    expect(genuine.headers.get('set-cookie')).toMatch(/^plinto_session=.+; Path=\/; .*HttpOnly; SameSite=lax/i)
  })
})

describe('Next.js example: the cookie follows token refreshes', () => {
  // 12 s tokens: the client refreshes at half-life, about 6 s after signing in. Reading the token for the
  // cookie must not refresh it again (getAccessToken() keeps a short-lived token for half its life).
  const next = useNextExample({ accessTokenTtl: 12 })

  test('a refreshed access token replaces the one in the cookie, once per refresh', async () => {
    const email = 'hedy.next@example.com'
    await createUser(next, email, 'Hedy')
    const context = await next.newContext()
    const page = await next.openApp(context, '/sign-in')
    const refreshes: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/auth/refresh') refreshes.push(request.url())
    })
    await signIn(page, email)
    const first = await sessionCookie(context, next.app.origin)
    expect(first).toBeDefined()
    expect(refreshes).toEqual([])

    await expect
      .poll(async () => (await sessionCookie(context, next.app.origin))?.value, { timeout: 30_000, interval: 500 })
      .not.toBe(first!.value)
    expect(refreshes).toHaveLength(1)
    const second = (await sessionCookie(context, next.app.origin))!
    expect(jwtPart(second.value, 1)).toMatchObject({ sid: jwtPart(first!.value, 1).sid })
    expect(jwtPart(second.value, 1).exp as number).toBeGreaterThan(jwtPart(first!.value, 1).exp as number)
    expect(await serverHtml(context, next.app.origin, '/dashboard')).toContain(email)
  }, 120_000)
})

describe('Next.js example in cookie mode (PLINTO_TOKEN_STORAGE=cookie)', () => {
  const next = useNextExample({ tokenStorage: 'cookie' })

  test("the refresh token stays in the API's HttpOnly cookie, and a lost app cookie is restored from it", async () => {
    const email = 'grace.next@example.com'
    await createUser(next, email, 'Grace')
    const context = await next.newContext()
    const page = await next.openApp(context, '/sign-in')
    await signIn(page, email)
    const html = await serverHtml(context, next.app.origin, '/dashboard')
    expect(html).toContain(email)
    // Signed in at first paint in cookie mode too, although the browser's client must first refresh through
    // the API's cookie to learn who it is.
    expect(html).toContain('aria-label="Account menu for Grace"')

    // Nothing of the session in web storage; the refresh token is an HttpOnly cookie of the API.
    const webStorage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]))
    expect(webStorage).toBe('[{},{}]')
    const refreshCookie = (await context.cookies()).find((cookie) => cookie.name === 'plinto_refresh')
    expect(refreshCookie).toMatchObject({ httpOnly: true, path: '/api/v1/auth' })

    // Without the app's cookie the server sees nobody; the browser restores its session from the refresh
    // cookie (a new tab, no memory), the sign-in page re-syncs the app cookie and goes back.
    await context.clearCookies({ name: 'plinto_session' })
    const again = await next.openApp(context, '/dashboard')
    await again.waitForURL('**/dashboard')
    await again.getByText(email).waitFor()
    expect(await serverHtml(context, next.app.origin, '/dashboard')).toContain(email)
  })
})

/** Calls the reference server's API with a bearer token, as another device or an admin console would. */
async function api<T>(next: NextFixture, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${next.server.nodeUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true)
  return (response.status === 204 ? undefined : await response.json()) as T
}

/** Signs a new user up through the API; returns their ID and access token. */
async function signUpByApi(next: NextFixture, email: string, firstName: string) {
  const response = await fetch(`${next.server.nodeUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, first_name: firstName }),
  })
  expect(response.status).toBe(201)
  const { user, tokens } = (await response.json()) as { user: { id: string }; tokens: { access_token: string } }
  // Verified, as accepting an invitation requires.
  const link = (await next.server.readOutbox(email)).find((message) => message.link?.includes('/verify-email?'))?.link
  await api(next, tokens.access_token, 'POST', '/auth/email/verify', {
    token: new URL(link!).searchParams.get('token'),
  })
  return { id: user.id, token: tokens.access_token }
}

/** `owner` creates an organization and `member` joins it with `role` (invitation by email, accepted by API). */
async function organizationWith(
  next: NextFixture,
  owner: string,
  member: { email: string; token: string },
  name: string,
  role: 'admin' | 'member',
): Promise<string> {
  const slug = name.toLowerCase()
  const { id } = await api<{ id: string }>(next, owner, 'POST', '/organizations', { name, slug })
  await api(next, owner, 'POST', `/organizations/${id}/members/invite`, { email: member.email, role })
  const link = (await next.server.readOutbox(member.email)).findLast((message) =>
    message.link?.includes('token='),
  )?.link
  const token = new URL(link!).searchParams.get('token')
  await api(next, member.token, 'POST', '/invitations/accept', { token })
  return id
}

/** The status and HTML the server answers for `path` with the context's cookies (no JavaScript runs). */
async function serverPage(context: BrowserContext, origin: string, path: string) {
  const response = await context.request.get(new URL(path, origin).href, { maxRedirects: 0 })
  return { status: response.status(), html: await response.text() }
}

describe('Next.js example: authorization by the organization role in the token', () => {
  // 12 s tokens: the browser refreshes about every 6 s, so a demotion reaches the token within the test.
  const next = useNextExample({ accessTokenTtl: 12 })

  test('the admin page is for admins of the active organization; switching organization changes what the server renders; a demoted admin loses it at the next refresh', async () => {
    const owner = await signUpByApi(next, 'ada.orgs@example.com', 'Ada')
    const bob = { email: 'bob.orgs@example.com', ...(await signUpByApi(next, 'bob.orgs@example.com', 'Bob')) }
    const acme = await organizationWith(next, owner.token, bob, 'Acme', 'admin')
    const beta = await organizationWith(next, owner.token, bob, 'Beta', 'member')

    const context = await next.newContext()
    const page = await next.openApp(context, '/sign-in')
    await signIn(page, bob.email)
    // No active organization: no role, and the admin page is the 404 page, rendered on the server.
    await expect.poll(() => page.getByTestId('org-role').textContent()).toBe('none')
    expect(await serverPage(context, next.app.origin, '/org-admin')).toMatchObject({ status: 404 })

    const switchTo = async (name: string) => {
      await page.getByRole('button', { name: /^Switch organization, current:/ }).click()
      await page.getByRole('menuitemradio', { name: new RegExp(`^${name}`) }).click()
    }

    // Admin of Acme: the server renders the dashboard for Acme, and the admin page opens.
    await switchTo('Acme')
    await expect.poll(() => page.getByTestId('org-id').textContent(), { timeout: 15_000 }).toBe(acme)
    await expect.poll(() => page.getByTestId('org-role').textContent()).toBe('admin')
    const dashboard = await serverPage(context, next.app.origin, '/dashboard')
    expect(dashboard.html).toContain(acme)
    const admin = await serverPage(context, next.app.origin, '/org-admin')
    expect(admin.status).toBe(200)
    expect(admin.html).toContain(`You are <!-- -->admin<!-- --> of <!-- -->${acme}`)
    await page.goto(`${next.app.origin}/org-admin`)
    await page.getByTestId('org-admin').waitFor()
    await screenshot(page, 'next-org-admin')

    // Member of Beta: the same request now renders for Beta, and the admin page is closed.
    await page.goto(`${next.app.origin}/dashboard`)
    await switchTo('Beta')
    await expect.poll(() => page.getByTestId('org-id').textContent(), { timeout: 15_000 }).toBe(beta)
    await expect.poll(() => page.getByTestId('org-role').textContent()).toBe('member')
    expect(await serverPage(context, next.app.origin, '/org-admin')).toMatchObject({ status: 404 })

    // Back to Acme, then the owner demotes Bob there: the token Bob holds still says admin, until the next
    // refresh, which re-checks the membership; the provider then re-renders the dashboard as a member.
    await switchTo('Acme')
    await expect.poll(() => page.getByTestId('org-role').textContent(), { timeout: 15_000 }).toBe('admin')
    expect((await serverPage(context, next.app.origin, '/org-admin')).status).toBe(200)
    await api(next, owner.token, 'PUT', `/organizations/${acme}/members/${bob.id}/role`, { role: 'member' })
    await expect
      .poll(() => page.getByTestId('org-role').textContent(), { timeout: 30_000, interval: 500 })
      .toBe('member')
    expect(await page.getByTestId('org-id').textContent()).toBe(acme)
    expect(await serverPage(context, next.app.origin, '/org-admin')).toMatchObject({ status: 404 })
  }, 180_000)
})
