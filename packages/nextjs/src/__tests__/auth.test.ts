import { describe, expect, it } from 'vitest'
import { authObject } from '../server/auth-object'
import { resolveConfig } from '../server/config'
import { fetchUser } from '../server/fetch-user'
import { verifySessionToken } from '../server/verify-session'
import { claimsOf, countingFetch, useReferenceServer } from './reference-server'

const reference = useReferenceServer()
const counter = countingFetch()

/** What `auth()` computes for a request whose cookie holds `token` (and whose path the gate saw). */
async function authFor(token: string | null, returnPath: string | null = '/dashboard') {
  const config = resolveConfig({ apiUrl: reference.server.url, fetch: counter.fetch })
  const claims = await verifySessionToken(token ?? undefined, config)
  return authObject(token, claims, { signInUrl: config.signInUrl, returnPath })
}

/** The error Next's redirect() or notFound() throws, as Next reads it. */
function interrupt(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return String((error as { digest?: unknown }).digest)
  }
  throw new Error('expected protect() to end the render')
}

describe('auth()', () => {
  it('a genuine token gives the user and session; getToken() hands back the verified token', async () => {
    const { user, tokens } = await reference.signUp()
    const auth = await authFor(tokens.access_token)
    expect(auth).toMatchObject({
      userId: user.id,
      sessionId: claimsOf(tokens.access_token).sid,
      orgId: null,
      orgRole: null,
    })
    expect(await auth.getToken()).toBe(tokens.access_token)
    expect(auth.protect().userId).toBe(user.id)
    expect(auth.has({ role: 'member' })).toBe(false) // no active organization
  })

  it('signed out, expired or forged: every field is null and getToken() gives nothing', async () => {
    const { tokens } = await reference.signUp()
    const claims = claimsOf(tokens.access_token)
    const now = Math.floor(Date.now() / 1000)
    const expired = await reference.signWithServerKey({ ...claims, iat: now - 120, exp: now - 60 })
    const [header, , signature] = tokens.access_token.split('.')
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, org_role: 'owner', org_id: 'org_x' })).toString('base64url')}.${signature}`
    for (const token of [null, expired, forged]) {
      const auth = await authFor(token)
      expect(auth).toMatchObject({ userId: null, sessionId: null, orgId: null, orgRole: null, claims: null })
      expect(await auth.getToken()).toBeNull()
      expect(auth.has({ role: 'member' })).toBe(false)
    }
  })

  it('protect() redirects a signed-out request to the sign-in page with the path the gate saw', async () => {
    const auth = await authFor(null, '/reports?year=2026')
    expect(interrupt(() => auth.protect())).toMatch(
      /^NEXT_REDIRECT;replace;\/sign-in\?redirect_url=\/reports%3Fyear%3D2026;307;/,
    )
    // Without the gate there is no path to come back to: the sign-in page's own default applies.
    const withoutGate = await authFor(null, null)
    expect(interrupt(() => withoutGate.protect())).toMatch(/^NEXT_REDIRECT;replace;\/sign-in;307;/)
  })

  it('has() and protect({ role }) follow the organization role of the token: owner > admin > member', async () => {
    const { tokens } = await reference.signUp()
    const claims = claimsOf(tokens.access_token)
    const withRole = (org_role: string) =>
      reference.signWithServerKey({ ...claims, org_id: 'org_acme', org_role }).then((token) => authFor(token))

    const owner = await withRole('owner')
    const admin = await withRole('admin')
    const member = await withRole('member')
    expect([owner.orgId, owner.orgRole, admin.orgRole, member.orgRole]).toEqual([
      'org_acme',
      'owner',
      'admin',
      'member',
    ])
    expect([owner, admin, member].map((auth) => auth.has({ role: 'admin' }))).toEqual([true, true, false])
    expect([owner, admin, member].map((auth) => auth.has({ role: 'owner' }))).toEqual([true, false, false])
    expect([owner, admin, member].map((auth) => auth.has({ role: 'member' }))).toEqual([true, true, true])

    expect(admin.protect({ role: 'admin' }).orgId).toBe('org_acme')
    expect(interrupt(() => member.protect({ role: 'admin' }))).toBe('NEXT_HTTP_ERROR_FALLBACK;404')
    expect(interrupt(() => member.protect({ role: 'admin', unauthorizedUrl: '/no-access' }))).toMatch(
      /^NEXT_REDIRECT;replace;\/no-access;307;/,
    )

    // A role the contract does not know, or a role without its organization: the whole token is refused.
    const unknown = await withRole('superuser')
    expect([unknown.userId, unknown.orgRole, unknown.has({ role: 'member' })]).toEqual([null, null, false])
    const orphan = await authFor(await reference.signWithServerKey({ ...claims, org_role: 'owner' }))
    expect([orphan.userId, orphan.orgId, orphan.has({ role: 'member' })]).toEqual([null, null, false])
  })

  it("a token the server issued for an organization carries the owner's role", async () => {
    const { tokens } = await reference.signUp()
    const call = async (path: string, body: unknown, token = tokens.access_token) => {
      const response = await fetch(`${reference.server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(response.ok, `${path}: ${response.status}`).toBe(true)
      return (await response.json()) as Record<string, unknown>
    }
    const organization = await call('/organizations', { name: 'Acme', slug: `acme-${Date.now()}` })
    const switched = await call('/auth/organization/switch', {
      organization_id: organization.id,
      refresh_token: tokens.refresh_token,
    })
    const auth = await authFor(switched.access_token as string)
    expect([auth.orgId, auth.orgRole]).toEqual([organization.id, 'owner'])
    expect(auth.has({ role: 'admin' })).toBe(true)
    expect(auth.protect({ role: 'owner' }).orgId).toBe(organization.id)
  })

  it('verifies many requests with one JWKS download', async () => {
    const users = await Promise.all([reference.signUp(), reference.signUp()])
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => authFor(users[i % 2]!.tokens.access_token)))
    expect(results.map((auth) => auth.userId)).toEqual(Array.from({ length: 20 }, (_, i) => users[i % 2]!.user.id))
    expect(counter.jwksFetches()).toBe(1)
  })

  it("currentUser()'s request: the user for a live session, null once it is signed out, an error when the server is down", async () => {
    const config = resolveConfig({ apiUrl: reference.server.url })
    const { user, tokens } = await reference.signUp()
    expect(await fetchUser(tokens.access_token, config)).toMatchObject({ id: user.id, email: user.email })
    const signOut = await fetch(`${reference.server.url}/api/v1/auth/signout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: tokens.refresh_token }),
    })
    expect(signOut.ok).toBe(true)
    expect(await fetchUser(tokens.access_token, config)).toBeNull()
    await expect(fetchUser(tokens.access_token, resolveConfig({ apiUrl: 'http://127.0.0.1:9' }))).rejects.toMatchObject(
      {
        code: 'NETWORK_ERROR',
        retryable: true,
      },
    )
  })
})
