import { afterEach, describe, expect, it, vi } from 'vitest'
import { sharedStorage } from './helpers'
import { API_URL, PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend()
/** On the reference server's default allow-list (`{appUrl}/auth/callback`). */
const REDIRECT_URI = 'http://localhost:5173/auth/callback'
const DEV_EMAIL = 'dev.user@example.com'
const TRANSACTIONS = 'plinto_auth_token:oauth'

afterEach(() => vi.unstubAllGlobals())

/**
 * What the browser does between `initiateOAuth` and the redirect back: open the dev provider's consent
 * page, submit its form (approve or deny), follow the redirects to `redirect_uri`. Returns that URL.
 */
async function consent(
  authorizationUrl: string,
  decision: 'approve' | 'deny' = 'approve',
  email = DEV_EMAIL,
): Promise<string> {
  const page = await fetch(authorizationUrl)
  expect(page.status).toBe(200)
  const html = await page.text()
  const state = /name="state" value="([^"]+)"/.exec(html)![1]!
  const action = new URL(/action="([^"]+)"/.exec(html)![1]!, authorizationUrl)
  const form = new URLSearchParams({ state, email, first_name: 'Dev', last_name: 'User', decision })
  let response = await fetch(action, { method: 'POST', body: form, redirect: 'manual' })
  let location = new URL(response.headers.get('location')!, action)
  // The provider sends the browser to the server's callback, which sends it on to redirect_uri.
  while (location.origin === new URL(API_URL).origin) {
    expect(response.status).toBe(302)
    response = await fetch(location, { redirect: 'manual' })
    location = new URL(response.headers.get('location')!, location)
  }
  return location.href
}

async function start(storage = sharedStorage()) {
  const plinto = client({ tokenStorage: storage })
  const { url } = await plinto.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
  return { plinto, storage, url }
}

describe('OAuth (authorization code + PKCE) against the dev provider', () => {
  it('initiateOAuth → consent → redirect back → handleOAuthCallback signs in; the transaction is cleared', async () => {
    const { plinto, storage, url } = await start()
    const authorize = backend.requests.find((r) => r.path === '/oauth/dev/authorize')!
    const sent = authorize.body as { redirect_uri: string; code_challenge: string; code_challenge_method: string }
    expect(sent).toMatchObject({ redirect_uri: REDIRECT_URI, code_challenge_method: 'S256' })
    // The stored verifier hashes to the challenge that was sent (S256, base64url).
    const [state, transaction] = Object.entries(
      JSON.parse(storage.values.get(TRANSACTIONS)!) as Record<string, { verifier: string }>,
    )[0]!
    expect(transaction.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const digest = Buffer.from(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(transaction.verifier)),
    ).toString('base64url')
    expect(sent.code_challenge).toBe(digest)

    const back = await consent(url)
    expect(back.startsWith(`${REDIRECT_URI}?`)).toBe(true)
    expect(new URL(back).searchParams.get('state')).toBe(state)
    const events = recordEvents(plinto)
    const { user } = await plinto.auth.handleOAuthCallback(back)
    expect(user).toMatchObject({ email: DEV_EMAIL, email_verified: true })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(events.signedIn).toHaveLength(1)
    expect(backend.requests.find((r) => r.path === '/oauth/dev/callback' && r.method === 'POST')!.body).toMatchObject({
      state,
      code_verifier: transaction.verifier,
      redirect_uri: REDIRECT_URI,
    })
    expect(storage.values.has(TRANSACTIONS)).toBe(false)
  })

  it('in a browser the transaction waits in sessionStorage: the callback page (a new client) finishes the flow', async () => {
    const session = sharedStorage()
    vi.stubGlobal('sessionStorage', session)
    const signInPage = client()
    const { url } = await signInPage.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
    expect(session.values.has(TRANSACTIONS)).toBe(true)
    signInPage.dispose()
    const callbackPage = client()
    const { user } = await callbackPage.auth.handleOAuthCallback(await consent(url))
    expect(user.email).toBe(DEV_EMAIL)
    expect(session.values.has(TRANSACTIONS)).toBe(false)
  })

  it('a tampered state is OAUTH_STATE_MISMATCH, nothing is sent, and the pending transaction is cleared', async () => {
    const { plinto, storage, url } = await start()
    const back = new URL(await consent(url))
    const genuine = back.href
    back.searchParams.set('state', 'forged')
    expect((await failure(plinto.auth.handleOAuthCallback(back.href))).code).toBe('OAUTH_STATE_MISMATCH')
    expect(storage.values.has(TRANSACTIONS)).toBe(false)
    expect(backend.countRequests('POST', '/oauth/dev/callback')).toBe(0)
    // The genuine return no longer works either: the user starts again.
    expect((await failure(plinto.auth.handleOAuthCallback(genuine))).code).toBe('OAUTH_STATE_MISMATCH')
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })

  it('a callback without a state, or one never started here, is OAUTH_STATE_MISMATCH', async () => {
    const plinto = client()
    expect((await failure(plinto.auth.handleOAuthCallback(`${REDIRECT_URI}?code=abc`))).code).toBe(
      'OAUTH_STATE_MISMATCH',
    )
    expect((await failure(plinto.auth.handleOAuthCallback(`${REDIRECT_URI}?code=abc&state=xyz`))).code).toBe(
      'OAUTH_STATE_MISMATCH',
    )
  })

  it('a reused code is refused by the server (OAUTH_ERROR)', async () => {
    const { plinto, storage, url } = await start()
    const saved = storage.values.get(TRANSACTIONS)!
    const back = await consent(url)
    await plinto.auth.handleOAuthCallback(back)
    await plinto.auth.signOut()
    // Replay: put the transaction back as if the callback page were loaded again.
    storage.values.set(TRANSACTIONS, saved)
    expect((await failure(plinto.auth.handleOAuthCallback(back))).code).toBe('OAUTH_ERROR')
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })

  it('a wrong PKCE verifier is refused by the server (OAUTH_ERROR)', async () => {
    const { plinto, storage, url } = await start()
    const back = await consent(url)
    const all = JSON.parse(storage.values.get(TRANSACTIONS)!) as Record<string, { verifier: string }>
    for (const transaction of Object.values(all)) transaction.verifier = 'x'.repeat(43)
    storage.values.set(TRANSACTIONS, JSON.stringify(all))
    expect((await failure(plinto.auth.handleOAuthCallback(back))).code).toBe('OAUTH_ERROR')
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })

  it('two flows started at once do not clash', async () => {
    const storage = sharedStorage()
    const plinto = client({ tokenStorage: storage })
    const first = await plinto.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
    const second = await plinto.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
    expect(Object.keys(JSON.parse(storage.values.get(TRANSACTIONS)!) as object)).toHaveLength(2)
    const { user } = await plinto.auth.handleOAuthCallback(await consent(second.url, 'approve', 'second@example.com'))
    expect(user.email).toBe('second@example.com')
    await plinto.auth.signOut()
    expect((await plinto.auth.handleOAuthCallback(await consent(first.url))).user.email).toBe(DEV_EMAIL)
  })

  it('the user denying at the provider is OAUTH_ERROR; an expired transaction is OAUTH_STATE_MISMATCH', async () => {
    const { plinto, url } = await start()
    const back = await consent(url, 'deny')
    expect(new URL(back).searchParams.get('error')).toBe('access_denied')
    expect((await failure(plinto.auth.handleOAuthCallback(back))).code).toBe('OAUTH_ERROR')

    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const later = await start()
      const returned = await consent(later.url)
      vi.setSystemTime(Date.now() + 11 * 60_000)
      backend.clock.advance(-11 * 60_000)
      expect((await failure(later.plinto.auth.handleOAuthCallback(returned))).code).toBe('OAUTH_STATE_MISMATCH')
    } finally {
      vi.useRealTimers()
    }
  })

  it('an account with MFA gets MFA_REQUIRED after the provider', async () => {
    await backend.seedUser({ email: DEV_EMAIL, password: PASSWORD })
    const setupClient = client()
    await setupClient.auth.signIn({ email: DEV_EMAIL, password: PASSWORD })
    const { secret } = await setupClient.mfa.enableTotp()
    const { totp } = await import('@plinto/testing')
    await setupClient.mfa.verifyTotp(await totp(secret, backend.clock.now()))
    const { plinto, url } = await start()
    const error = await failure(plinto.auth.handleOAuthCallback(await consent(url)))
    expect(error.code).toBe('MFA_REQUIRED')
    expect(error.mfaToken).toEqual(expect.any(String))
  })

  it('getOAuthProviders lists the dev provider; initiateOAuth navigates by default', async () => {
    const plinto = client()
    expect((await plinto.auth.getOAuthProviders()).providers).toContainEqual({ id: 'dev', name: 'Development' })
    const assign = vi.fn()
    vi.stubGlobal('location', { origin: 'http://localhost:5173', href: 'http://localhost:5173/sign-in', assign })
    const { url } = await plinto.auth.initiateOAuth('dev')
    expect(assign).toHaveBeenCalledWith(url)
    // The default redirect URI is {origin}/auth/callback.
    expect(backend.requests.at(-1)!.body).toMatchObject({ redirect_uri: REDIRECT_URI })
  })

  it('outside a browser, initiateOAuth needs a redirectUri (CONFIG_ERROR); a URL off the allow-list is refused', async () => {
    const plinto = client()
    expect((await failure(plinto.auth.initiateOAuth('dev'))).code).toBe('CONFIG_ERROR')
    const refused = await failure(
      plinto.auth.initiateOAuth('dev', { redirectUri: 'https://evil.example/cb', navigate: false }),
    )
    expect(refused.code).toBe('VALIDATION_ERROR')
    expect(refused.fields.map((f) => f.field)).toEqual(['redirect_uri'])
    expect(
      (await failure(plinto.auth.initiateOAuth('nope', { redirectUri: REDIRECT_URI, navigate: false }))).code,
    ).toBe('NOT_FOUND')
  })
})
