import type { PGlite } from '@electric-sql/pglite'
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest'
import { TokenResponseSchema } from '@plinto/contract'
import { createMemoryStore, silentLogger, type PlintoApp, type PlintoStore } from '../index'
import { createPostgresStore, pgliteClient } from '../node'
import { call, PASSWORD, signIn, testApp } from './helpers'
import { PGLITE_START_TIMEOUT, startPglite, truncatePlintoTables } from './postgres-helpers'

const API = '/api/v1'
const GRACE_MS = 10_000

interface Harness {
  app: PlintoApp
  clock: { advance(ms: number): void }
}

/** A signed-in, verified user: ID, and the token pair of their session. */
interface Member {
  id: string
  access: string
  refresh: string
}

function organizationClaimsSuite(makeStore: () => PlintoStore) {
  let h: Harness
  beforeEach(() => {
    let now = Date.UTC(2030, 0, 1)
    const clock = {
      now: () => now,
      advance: (ms: number) => {
        now += ms
      },
    }
    h = { app: testApp({ clock, store: makeStore() }), clock }
  })

  async function user(email: string): Promise<Member> {
    const record = await h.app.plinto.createUser({ email, password: PASSWORD, email_verified: true })
    const res = await signIn(h.app, email)
    return { id: record.id, access: res.body.tokens.access_token, refresh: res.body.tokens.refresh_token }
  }

  async function createOrg(owner: Member, slug: string): Promise<string> {
    const res = await call(h.app, 'POST', `${API}/organizations`, { token: owner.access, body: { name: slug, slug } })
    expect(res.status).toBe(201)
    return res.body.id
  }

  async function join(orgId: string, owner: Member, invitee: Member, email: string, role: string) {
    const invite = await call(h.app, 'POST', `${API}/organizations/${orgId}/members/invite`, {
      token: owner.access,
      body: { email, role },
    })
    expect(invite.status).toBe(201)
    const link = h.app.plinto.outbox!.messages(email).at(-1)?.link ?? ''
    const token = new URL(link).searchParams.get('token')
    const accepted = await call(h.app, 'POST', `${API}/invitations/accept`, { token: invitee.access, body: { token } })
    expect(accepted.status).toBe(200)
  }

  const switchTo = (refresh_token: string, organization_id: string | null, extra: Record<string, unknown> = {}) =>
    call(h.app, 'POST', `${API}/auth/organization/switch`, { body: { organization_id, refresh_token, ...extra } })
  const refresh = (refresh_token: string, extra: Record<string, unknown> = {}) =>
    call(h.app, 'POST', `${API}/auth/refresh`, { body: { refresh_token, ...extra } })
  const claims = (token: string) => decodeJwt(token)

  /** Ada owns Acme and Beta; Bob is `bobRole` in Acme and not in Beta. */
  async function world(bobRole = 'member') {
    const ada = await user('ada@example.com')
    const bob = await user('bob@example.com')
    const acme = await createOrg(ada, 'acme')
    const beta = await createOrg(ada, 'beta')
    await join(acme, ada, bob, 'bob@example.com', bobRole)
    return { ada, bob, acme, beta }
  }

  test('a sign-in token carries auth_time (the sign-in) and no organization claims', async () => {
    const ada = await user('ada@example.com')
    const payload = claims(ada.access)
    expect(payload.auth_time).toBe(Math.floor(Date.UTC(2030, 0, 1) / 1000))
    expect(payload).not.toHaveProperty('org_id')
    expect(payload).not.toHaveProperty('org_role')
    // A refresh an hour later keeps the time the session proved who it is.
    h.clock.advance(3_600_000)
    const next = await refresh(ada.refresh)
    expect(claims(next.body.access_token).auth_time).toBe(payload.auth_time)
  })

  test('switching to an organization one belongs to: a rotated pair carrying org_id and the role; refreshes keep it', async () => {
    const { ada, bob, acme } = await world('admin')
    const switched = await switchTo(bob.refresh, acme)
    expect(switched.status).toBe(200)
    expect(TokenResponseSchema.safeParse(switched.body).success).toBe(true)
    expect(switched.headers.get('cache-control')).toBe('no-store')
    expect(switched.body.refresh_token).not.toBe(bob.refresh)
    expect(claims(switched.body.access_token)).toMatchObject({ sub: bob.id, org_id: acme, org_role: 'admin' })
    // The new access token works, and the session keeps the organization across refreshes.
    expect((await call(h.app, 'GET', `${API}/auth/me`, { token: switched.body.access_token })).status).toBe(200)
    const refreshed = await refresh(switched.body.refresh_token)
    expect(claims(refreshed.body.access_token)).toMatchObject({ org_id: acme, org_role: 'admin' })
    // The owner's own switch carries `owner`; other sessions of Bob are untouched.
    const owner = await switchTo(ada.refresh, acme)
    expect(claims(owner.body.access_token)).toMatchObject({ org_id: acme, org_role: 'owner' })
  })

  test('switching to null clears the organization; the next refresh has none either', async () => {
    const { bob, acme } = await world()
    const on = await switchTo(bob.refresh, acme)
    const off = await switchTo(on.body.refresh_token, null)
    expect(off.status).toBe(200)
    expect(claims(off.body.access_token)).not.toHaveProperty('org_id')
    expect(claims(off.body.access_token)).not.toHaveProperty('org_role')
    const next = await refresh(off.body.refresh_token)
    expect(claims(next.body.access_token)).not.toHaveProperty('org_id')
  })

  test('switching to an organization one does not belong to, or to none that exists, is 403 FORBIDDEN and changes nothing', async () => {
    const { bob, acme, beta } = await world()
    const current = await switchTo(bob.refresh, acme)
    for (const target of [beta, 'org_does_not_exist']) {
      const refused = await switchTo(current.body.refresh_token, target)
      expect([refused.status, refused.body.error_code]).toEqual([403, 'FORBIDDEN'])
    }
    // The presented token was not spent, and the session still acts for Acme.
    const next = await refresh(current.body.refresh_token)
    expect(next.status).toBe(200)
    expect(claims(next.body.access_token)).toMatchObject({ org_id: acme, org_role: 'member' })
  })

  test('a member removed from the organization gets no claims on the next refresh, and the session forgets it', async () => {
    const { ada, bob, acme } = await world()
    const on = await switchTo(bob.refresh, acme)
    expect(
      (await call(h.app, 'DELETE', `${API}/organizations/${acme}/members/${bob.id}`, { token: ada.access })).status,
    ).toBe(204)
    const next = await refresh(on.body.refresh_token)
    expect(next.status).toBe(200)
    expect(claims(next.body.access_token)).not.toHaveProperty('org_id')
    expect(claims(next.body.access_token)).not.toHaveProperty('org_role')
    // Joining again does not bring the organization back into this session: it was cleared, not hidden.
    await join(acme, ada, { ...bob, access: next.body.access_token }, 'bob@example.com', 'member')
    const later = await refresh(next.body.refresh_token)
    expect(claims(later.body.access_token)).not.toHaveProperty('org_id')
  })

  test('a deleted organization drops out of its members’ next refresh', async () => {
    const { ada, acme } = await world()
    const on = await switchTo(ada.refresh, acme)
    expect((await call(h.app, 'DELETE', `${API}/organizations/${acme}`, { token: ada.access })).status).toBe(204)
    expect(claims((await refresh(on.body.refresh_token)).body.access_token)).not.toHaveProperty('org_id')
  })

  test('a demoted member gets the new role on the next refresh, a promoted one too', async () => {
    const { ada, bob, acme } = await world('admin')
    const on = await switchTo(bob.refresh, acme)
    expect(claims(on.body.access_token).org_role).toBe('admin')
    const role = (next: string) =>
      call(h.app, 'PUT', `${API}/organizations/${acme}/members/${bob.id}/role`, {
        token: ada.access,
        body: { role: next },
      })
    expect((await role('member')).status).toBe(200)
    const demoted = await refresh(on.body.refresh_token)
    expect(claims(demoted.body.access_token)).toMatchObject({ org_id: acme, org_role: 'member' })
    expect((await role('owner')).status).toBe(200)
    const promoted = await refresh(demoted.body.refresh_token)
    expect(claims(promoted.body.access_token)).toMatchObject({ org_id: acme, org_role: 'owner' })
  })

  test('claims the client sends are never taken: extra fields in refresh and switch bodies are ignored', async () => {
    const { bob, acme, beta } = await world()
    const refreshed = await refresh(bob.refresh, { org_id: beta, org_role: 'owner', organization_id: beta })
    expect(refreshed.status).toBe(200)
    expect(claims(refreshed.body.access_token)).not.toHaveProperty('org_id')
    // The role is the membership's, whatever the body says.
    const switched = await switchTo(refreshed.body.refresh_token, acme, { org_role: 'owner', role: 'owner' })
    expect(claims(switched.body.access_token)).toMatchObject({ org_id: acme, org_role: 'member' })
  })

  test('a token with forged organization claims is refused by its signature', async () => {
    const { ada, beta } = await world()
    const real = claims(ada.access)
    const { kid } = decodeProtectedHeader(ada.access)
    const { privateKey } = await generateKeyPair('ES256')
    // Same header and claims plus an organization, signed with a key the server does not have.
    const forged = await new SignJWT({ ...real, org_id: beta, org_role: 'owner' })
      .setProtectedHeader({ alg: 'ES256', kid: kid as string, typ: 'at+jwt' })
      .sign(privateKey)
    const me = await call(h.app, 'GET', `${API}/auth/me`, { token: forged })
    expect([me.status, me.body.error_code]).toEqual([401, 'UNAUTHORIZED'])
    // The genuine signature over a payload with claims added: refused too.
    const [header, , signature] = ada.access.split('.')
    const payload = Buffer.from(JSON.stringify({ ...real, org_id: beta, org_role: 'owner' })).toString('base64url')
    const tampered = await call(h.app, 'GET', `${API}/auth/me`, { token: `${header}.${payload}.${signature}` })
    expect([tampered.status, tampered.body.error_code]).toEqual([401, 'UNAUTHORIZED'])
    // And the genuine token still works (nothing above touched the session).
    expect((await call(h.app, 'GET', `${API}/auth/me`, { token: ada.access })).status).toBe(200)
  })

  test('after a switch the refresh chain is the same: grace window, then reuse detection revokes the session', async () => {
    const { bob, acme } = await world()
    const first = await switchTo(bob.refresh, acme)
    h.clock.advance(GRACE_MS - 1_000)
    // Within the window the spent token answers the same pair, whether it is presented to switch or to refresh.
    expect((await switchTo(bob.refresh, acme)).body).toEqual(first.body)
    expect((await refresh(bob.refresh)).body).toEqual(first.body)
    h.clock.advance(2_000)
    const reuse = await switchTo(bob.refresh, acme)
    expect([reuse.status, reuse.body.error_code]).toEqual([401, 'REFRESH_TOKEN_REUSED'])
    expect((await refresh(first.body.refresh_token)).body.error_code).toBe('SESSION_REVOKED')
    expect((await call(h.app, 'GET', `${API}/auth/me`, { token: first.body.access_token })).body.error_code).toBe(
      'SESSION_REVOKED',
    )
  })

  test('a spent token presented to switch after the window is reuse even when the switch would be refused', async () => {
    const { bob, beta } = await world()
    await refresh(bob.refresh)
    h.clock.advance(GRACE_MS + 1)
    const reuse = await switchTo(bob.refresh, beta)
    expect([reuse.status, reuse.body.error_code]).toEqual([401, 'REFRESH_TOKEN_REUSED'])
  })

  test('concurrent switches with one token: one rotation, every caller gets its pair, and the session agrees with it', async () => {
    const { ada, acme, beta } = await world()
    const targets = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? acme : beta))
    const replies = await Promise.all([
      ...targets.map((target) => switchTo(ada.refresh, target)),
      refresh(ada.refresh),
      refresh(ada.refresh),
    ])
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200))
    const [winner] = replies
    for (const reply of replies) expect(reply.body).toEqual(winner!.body)
    // The session's stored organization is the one the winning pair carries: the next refresh says the same.
    const won = claims(winner!.body.access_token)
    const next = await refresh(winner!.body.refresh_token)
    expect(claims(next.body.access_token).org_id).toBe(won.org_id)
    expect(claims(next.body.access_token).org_role).toBe(won.org_role)
  })

  test('concurrent switches of different sessions of one user each get their own organization', async () => {
    const { acme, beta } = await world()
    const sessions = await Promise.all(Array.from({ length: 6 }, () => signIn(h.app, 'ada@example.com')))
    const targets = sessions.map((_, i) => (i % 2 === 0 ? acme : beta))
    const replies = await Promise.all(sessions.map((s, i) => switchTo(s.body.tokens.refresh_token, targets[i]!)))
    for (const [i, reply] of replies.entries()) {
      expect(reply.status).toBe(200)
      expect(claims(reply.body.access_token)).toMatchObject({ org_id: targets[i], org_role: 'owner' })
    }
    const refreshed = await Promise.all(replies.map((reply) => refresh(reply.body.refresh_token)))
    for (const [i, reply] of refreshed.entries()) expect(claims(reply.body.access_token).org_id).toBe(targets[i])
  })

  test('cookie transport: the cookie is read and rotated; a refused switch keeps it', async () => {
    const { acme, beta } = await world()
    const signedIn = await call(h.app, 'POST', `${API}/auth/signin`, {
      body: { email: 'bob@example.com', password: PASSWORD },
      headers: { 'x-plinto-token-transport': 'cookie' },
    })
    const cookieOf = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith('plinto_refresh=')) ?? ''
    const cookie = cookieOf(signedIn.headers).split(';')[0]!
    const switched = await call(h.app, 'POST', `${API}/auth/organization/switch`, {
      body: { organization_id: acme },
      headers: { cookie },
    })
    expect(switched.status).toBe(200)
    expect(switched.body).not.toHaveProperty('refresh_token')
    const rotated = cookieOf(switched.headers)
    expect(rotated).toMatch(/^plinto_refresh=[^;]+; Max-Age=\d+; Path=\/api\/v1\/auth; HttpOnly; Secure; SameSite=Lax/)
    expect(claims(switched.body.access_token).org_id).toBe(acme)
    const refused = await call(h.app, 'POST', `${API}/auth/organization/switch`, {
      body: { organization_id: beta },
      headers: { cookie: rotated.split(';')[0]! },
    })
    expect(refused.status).toBe(403)
    expect(cookieOf(refused.headers)).toBe('')
  })

  test('the body needs organization_id (a string or null): 422 otherwise', async () => {
    const { bob } = await world()
    for (const body of [{ refresh_token: bob.refresh }, { refresh_token: bob.refresh, organization_id: 42 }]) {
      const res = await call(h.app, 'POST', `${API}/auth/organization/switch`, { body })
      expect([res.status, res.body.error_code]).toEqual([422, 'VALIDATION_ERROR'])
    }
    const unknown = await switchTo('x'.repeat(43), null)
    expect([unknown.status, unknown.body.error_code]).toEqual([401, 'INVALID_REFRESH_TOKEN'])
  })
}

describe('memory store', () => {
  organizationClaimsSuite(() => createMemoryStore())
})

// The embedded store (--data-dir) is the PostgreSQL store on PGlite: the PGlite suite below is its rules.
describe("PostgreSQL store over PGlite (the embedded store's engine)", () => {
  let db: PGlite
  let store: PlintoStore
  beforeAll(async () => {
    db = await startPglite()
    store = await createPostgresStore({ client: pgliteClient(db) })
  }, PGLITE_START_TIMEOUT)
  afterAll(() => db?.close())
  beforeEach(() => truncatePlintoTables(pgliteClient(db)))
  organizationClaimsSuite(() => store)
})

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('PostgreSQL store on a real PostgreSQL server', () => {
  let store: PlintoStore
  beforeAll(async () => {
    store = await createPostgresStore({
      connectionString: realDatabase!,
      schema: 'plinto_org_claims',
      logger: silentLogger,
    })
  })
  afterAll(() => store?.close())
  beforeEach(async () => {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: realDatabase })
    await client.connect()
    try {
      await truncatePlintoTables(client, 'plinto_org_claims')
    } finally {
      await client.end()
    }
  })
  organizationClaimsSuite(() => store)
})
