import { totp } from '@plinto/testing'
import { PlintoClient } from '@plinto/typescript-sdk'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startReferenceServer } from './reference-server'

// The SDK snippets of the public docs (plinto-api-reference.md § SDK Integration, sdk-integration-notes.md
// § Plinto SDK Integration) run here as written, against the real reference server. Only the URL differs:
// the docs say http://localhost:8000, the test server listens on an ephemeral port.
let server: Awaited<ReturnType<typeof startReferenceServer>>
beforeAll(async () => {
  server = await startReferenceServer()
})
afterAll(async () => {
  await server.close()
})

test('API reference § TypeScript SDK: construct with clientId/clientSecret, sign up, sign in, current user', async () => {
  const plinto = new PlintoClient({
    apiUrl: server.url,
    clientId: 'your_client_id',
    clientSecret: 'your_client_secret',
  })

  // Sign up
  {
    const { user, tokens } = await plinto.auth.signUp({
      email: 'user@example.com',
      password: 'SecurePass123!',
    })
    expect(user.email).toBe('user@example.com')
    expect(tokens.access_token).toMatch(/^ey/)
  }

  // Sign in
  {
    const { user, tokens } = await plinto.auth.signIn({
      email: 'user@example.com',
      password: 'SecurePass123!',
    })
    expect(user.email).toBe('user@example.com')
    expect(tokens.token_type).toBe('bearer')
  }

  // Get current user
  const user = await plinto.auth.getCurrentUser()
  expect(user?.email).toBe('user@example.com')

  // List sessions
  const sessions = await plinto.sessions.listSessions()
  expect(sessions.total).toBe(2)
  expect(sessions.sessions.filter((s) => s.is_current)).toHaveLength(1)

  // Create organization
  const org = await plinto.organizations.createOrganization({
    name: 'Acme Corp',
    slug: 'acme-corp',
  })
  expect(org).toMatchObject({ name: 'Acme Corp', slug: 'acme-corp', role: 'owner' })
  plinto.dispose()
})

test('integration notes § SDK client configuration and the component update pattern', async () => {
  const plintoClient = new PlintoClient({
    apiUrl: server.url,
    apiBasePath: '/api/v1',
    debug: true,
    tokenStorage: {
      type: 'memory', // the notes use 'localStorage', which Node does not have; the storage tests cover it
      key: 'plinto_auth_token',
    },
    session: {
      autoRefresh: true,
      refreshThreshold: 300,
    },
    credentials: 'include',
  })
  const client = plintoClient
  await client.auth.signUp({ email: 'notes@example.com', password: 'SecurePass123!' })
  await client.auth.signOut()

  const data = { email: 'notes@example.com', password: 'SecurePass123!', rememberMe: true }
  const response = await client.auth.signIn({
    email: data.email,
    password: data.password,
    remember: data.rememberMe,
  })
  expect(response.user.email).toBe('notes@example.com')
  expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: 'notes@example.com' } })

  // Auth Module Methods as the notes list them.
  await expect(client.auth.refreshToken()).resolves.toMatchObject({ token_type: 'bearer' })
  await expect(client.auth.forgotPassword({ email: 'notes@example.com' })).resolves.toEqual({
    message: expect.any(String),
  })
  await expect(client.auth.signOut()).resolves.toBeUndefined()
  await expect(client.auth.getCurrentUser()).resolves.toBeNull()
  client.dispose()
})

test('integration notes § Auth Module Methods: setupMFA, verifyMFA, initiateOAuth, the passkey methods', async () => {
  const plinto = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
  await plinto.auth.signUp({ email: 'methods@example.com', password: 'SecurePass123!' })

  // auth.setupMFA(type: 'totp' | 'sms'): Promise<MFASetupResponse>; auth.verifyMFA(code): Promise<{ success: boolean }>
  const setup = await plinto.auth.setupMFA('totp')
  expect(setup).toMatchObject({ secret: expect.any(String), backup_codes: expect.any(Array) })
  if (!('secret' in setup)) throw new Error('a TOTP setup answers with its secret')
  await expect(plinto.auth.verifyMFA(await totp(setup.secret))).resolves.toMatchObject({ success: true })

  // auth.initiateOAuth(provider: string): Promise<{ url: string }>. In a browser the redirect URI defaults to
  // the page's /auth/callback and the call navigates; here, outside a browser, the URI is given and nothing
  // navigates.
  const { url } = await plinto.auth.initiateOAuth('dev', { redirectUri: 'http://localhost:5173/auth/callback' })
  // The dev provider's consent page, carrying the state the SDK keeps to check the return against.
  expect(url).toMatch(new RegExp(`^${server.url}/api/v1/oauth/dev/consent\\?state=[\\w-]{20,}$`))

  // auth.registerPasskey / auth.authenticatePasskey: Node has no WebAuthn, which the SDK says plainly.
  await expect(plinto.auth.registerPasskey()).rejects.toMatchObject({ code: 'PASSKEY_NOT_SUPPORTED' })
  await expect(plinto.auth.authenticatePasskey()).rejects.toMatchObject({ code: 'PASSKEY_NOT_SUPPORTED' })
  plinto.dispose()
})
