import { describe, expect, it } from 'vitest'
import { sharedStorage } from './helpers'
import { API_URL, PASSWORD, failure, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const REDIRECT_URI = 'http://localhost:5173/auth/callback'
const TRANSACTIONS = 'plinto_auth_token:oauth'

/** The browser between the provider's URL and the redirect back: approve on the dev consent page as `email`. */
async function consent(authorizationUrl: string, email: string): Promise<string> {
  const page = await fetch(authorizationUrl)
  const html = await page.text()
  const state = /name="state" value="([^"]+)"/.exec(html)![1]!
  const action = new URL(/action="([^"]+)"/.exec(html)![1]!, authorizationUrl)
  const form = new URLSearchParams({ state, email, first_name: 'Ada', last_name: 'Work', decision: 'approve' })
  let response = await fetch(action, { method: 'POST', body: form, redirect: 'manual' })
  let location = new URL(response.headers.get('location')!, action)
  while (location.origin === new URL(API_URL).origin) {
    response = await fetch(location, { redirect: 'manual' })
    location = new URL(response.headers.get('location')!, location)
  }
  return location.href
}

async function signedIn(email = 'ada@example.com', storage = sharedStorage()) {
  await backend.seedUser({ email, password: PASSWORD })
  const plinto = client({ tokenStorage: storage })
  await plinto.auth.signIn({ email, password: PASSWORD })
  return plinto
}

describe('connected accounts', () => {
  it('listIdentities → linkOAuthProvider → handleOAuthLinkCallback → unlinkIdentity', async () => {
    const storage = sharedStorage()
    const plinto = await signedIn('ada@example.com', storage)
    expect(await plinto.users.listIdentities()).toEqual({ password: true, identities: [], passkeys: 0 })

    const { url } = await plinto.auth.linkOAuthProvider('dev', {
      redirectUri: REDIRECT_URI,
      navigate: false,
      returnTo: '/account',
    })
    // The link is started by the signed-in session (bearer), not anonymously.
    const start = backend.requests.find((r) => r.path === '/oauth/dev/link')!
    expect(start.headers.authorization).toMatch(/^Bearer /)
    const back = await consent(url, 'ada.work@example.com')

    const linked = await plinto.auth.handleOAuthLinkCallback(back)
    expect(linked).toMatchObject({
      returnTo: '/account',
      error: null,
      methods: {
        password: true,
        identities: [
          { provider: 'dev', provider_name: 'Development', email: 'ada.work@example.com', name: 'Ada Work' },
        ],
      },
    })
    expect(storage.values.has(TRANSACTIONS)).toBe(false)

    const id = linked!.methods!.identities[0]!.id
    expect(await plinto.users.unlinkIdentity(id)).toEqual({ password: true, identities: [], passkeys: 0 })
    expect(backend.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/users/me/identities/${id}` })
  })

  it('handleOAuthLinkCallback resolves null for a sign-in return, which handleOAuthCallback then finishes', async () => {
    const plinto = client({ tokenStorage: sharedStorage() })
    const { url } = await plinto.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
    const back = await consent(url, 'grace@example.com')
    expect(await plinto.auth.handleOAuthLinkCallback(back)).toBeNull()
    expect((await plinto.auth.handleOAuthCallback(back)).user.email).toBe('grace@example.com')
  })

  it('an identity of another account is IDENTITY_ALREADY_LINKED and nothing is linked', async () => {
    // Grace signs up with the identity first.
    const grace = client({ tokenStorage: sharedStorage() })
    const first = await grace.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
    await grace.auth.handleOAuthCallback(await consent(first.url, 'grace@example.com'))

    const ada = await signedIn()
    const { url } = await ada.auth.linkOAuthProvider('dev', { redirectUri: REDIRECT_URI, navigate: false })
    const { url: again } = await ada.auth.linkOAuthProvider('dev', {
      redirectUri: REDIRECT_URI,
      navigate: false,
      returnTo: '/me',
    })
    const linked = await ada.auth.handleOAuthLinkCallback(await consent(url, 'grace@example.com'))
    expect([linked?.error?.code, linked?.error?.status, linked?.methods, linked?.returnTo]).toEqual([
      'IDENTITY_ALREADY_LINKED',
      409,
      null,
      null, // no returnTo given, and no page to default to outside a browser
    ])
    expect((await ada.users.listIdentities()).identities).toEqual([])
    expect((await grace.users.listIdentities()).identities).toHaveLength(1)
    // The other pending link is still there for its own return.
    expect((await ada.auth.handleOAuthLinkCallback(await consent(again, 'ada.w@example.com')))?.returnTo).toBe('/me')
  })

  it('the last sign-in method cannot be unlinked: LAST_SIGN_IN_METHOD', async () => {
    const grace = client({ tokenStorage: sharedStorage() })
    const { url } = await grace.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
    await grace.auth.handleOAuthCallback(await consent(url, 'grace@example.com'))
    const { identities, password } = await grace.users.listIdentities()
    expect(password).toBe(false)
    const error = await failure(grace.users.unlinkIdentity(identities[0]!.id))
    expect([error.code, error.status]).toEqual(['LAST_SIGN_IN_METHOD', 409])
    expect((await grace.users.listIdentities()).identities).toHaveLength(1)
  })
})
