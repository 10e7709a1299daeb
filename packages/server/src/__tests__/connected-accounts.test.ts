import { describe, expect, test } from 'vitest'
import { SignInMethodsSchema } from '@plinto/contract'
import type { PlintoApp } from '../index'
import { devLink, devRoundTrip, devSignIn } from './dev-oauth'
import { CALLBACK, call, pkce, signUp, testApp } from './helpers'
import { startWebhookReceiver } from './webhook-receiver'

const methods = (app: PlintoApp, token: string) => call(app, 'GET', '/api/v1/users/me/identities', { token })

describe('GET /users/me/identities', () => {
  test('password, identities and passkeys of the signed-in account; signed out is 401', async () => {
    const app = testApp()
    const ada = await signUp(app)
    const res = await methods(app, ada.tokens.access_token)
    expect(res.status).toBe(200)
    expect(SignInMethodsSchema.safeParse(res.body).success).toBe(true)
    expect(res.body).toEqual({ password: true, identities: [], passkeys: 0 })
    expect((await call(app, 'GET', '/api/v1/users/me/identities')).status).toBe(401)

    const oauthOnly = await devSignIn(app, { email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper' })
    const listed = await methods(app, oauthOnly.tokens.access_token)
    expect(listed.body).toMatchObject({
      password: false,
      passkeys: 0,
      identities: [{ provider: 'dev', provider_name: 'Development', email: 'grace@example.com', name: 'Grace Hopper' }],
    })
    expect(listed.body.identities[0].id).toMatch(/^idn_/)
    // The provider-side user id is not part of the wire shape.
    expect(Object.keys(listed.body.identities[0]).sort()).toEqual([
      'created_at',
      'email',
      'id',
      'name',
      'provider',
      'provider_name',
    ])
  })
})

describe('linking a provider while signed in', () => {
  test('links, and the identity then signs in to this account', async () => {
    const app = testApp()
    const ada = await signUp(app)
    const res = await devLink(app, ada.tokens.access_token, { email: 'ada.work@example.com', first_name: 'Ada' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      password: true,
      identities: [{ provider: 'dev', email: 'ada.work@example.com', name: 'Ada' }],
    })
    const signedIn = await devSignIn(app, { email: 'ada.work@example.com' })
    expect(signedIn.user.id).toBe(ada.user.id)
  })

  test('linking needs a session', async () => {
    const app = testApp()
    const { challenge } = await pkce()
    const res = await call(app, 'POST', '/api/v1/oauth/dev/link', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    expect(res.status).toBe(401)
  })

  test('a link code is single-use and redeemable only by the session that started it, never as a sign-in', async () => {
    const app = testApp()
    const ada = await signUp(app)
    const bob = await signUp(app, 'bob@example.com')
    const trip = await devRoundTrip(app, 'link', { email: 'shared@example.com' }, ada.tokens.access_token)
    const body = { code: trip.code, state: trip.state, code_verifier: trip.verifier }

    // Another account cannot redeem it (and thereby attach the identity to itself)…
    const stolen = await call(app, 'POST', '/api/v1/oauth/dev/link/callback', { token: bob.tokens.access_token, body })
    expect([stolen.status, stolen.body.error_code]).toEqual([400, 'OAUTH_ERROR'])
    // …and the attempt spent it: not even the rightful session can use it now.
    const late = await call(app, 'POST', '/api/v1/oauth/dev/link/callback', { token: ada.tokens.access_token, body })
    expect([late.status, late.body.error_code]).toEqual([400, 'OAUTH_ERROR'])
    expect((await methods(app, bob.tokens.access_token)).body.identities).toEqual([])
    expect((await methods(app, ada.tokens.access_token)).body.identities).toEqual([])

    // A link code is no sign-in code.
    const second = await devRoundTrip(app, 'link', { email: 'shared@example.com' }, ada.tokens.access_token)
    const asSignIn = await call(app, 'POST', '/api/v1/oauth/dev/callback', {
      body: { code: second.code, state: second.state, code_verifier: second.verifier },
    })
    expect([asSignIn.status, asSignIn.body.error_code]).toEqual([400, 'OAUTH_ERROR'])

    // A wrong PKCE verifier is refused; replaying a redeemed code is refused.
    const third = await devRoundTrip(app, 'link', { email: 'shared@example.com' }, ada.tokens.access_token)
    const wrongVerifier = await call(app, 'POST', '/api/v1/oauth/dev/link/callback', {
      token: ada.tokens.access_token,
      body: { code: third.code, state: third.state, code_verifier: (await pkce()).verifier },
    })
    expect([wrongVerifier.status, wrongVerifier.body.error_code]).toEqual([400, 'OAUTH_ERROR'])
    const fourth = await devRoundTrip(app, 'link', { email: 'shared@example.com' }, ada.tokens.access_token)
    const good = { code: fourth.code, state: fourth.state, code_verifier: fourth.verifier }
    const first = await call(app, 'POST', '/api/v1/oauth/dev/link/callback', {
      token: ada.tokens.access_token,
      body: good,
    })
    expect(first.status).toBe(200)
    const replay = await call(app, 'POST', '/api/v1/oauth/dev/link/callback', {
      token: ada.tokens.access_token,
      body: good,
    })
    expect([replay.status, replay.body.error_code]).toEqual([400, 'OAUTH_ERROR'])
    expect((await methods(app, ada.tokens.access_token)).body.identities).toHaveLength(1)
  })

  test('another session of the same user cannot redeem the code either', async () => {
    const app = testApp()
    const ada = await signUp(app)
    const other = await call(app, 'POST', '/api/v1/auth/signin', {
      body: { email: 'ada@example.com', password: 'correct horse battery' },
    })
    const trip = await devRoundTrip(app, 'link', { email: 'x@example.com' }, ada.tokens.access_token)
    const res = await call(app, 'POST', '/api/v1/oauth/dev/link/callback', {
      token: other.body.tokens.access_token,
      body: { code: trip.code, state: trip.state, code_verifier: trip.verifier },
    })
    expect([res.status, res.body.error_code]).toEqual([400, 'OAUTH_ERROR'])
  })

  test('an identity of another account is refused (IDENTITY_ALREADY_LINKED) and neither account changes', async () => {
    const app = testApp()
    const bob = await devSignIn(app, { email: 'bob@example.com' })
    const ada = await signUp(app)
    const before = {
      ada: await methods(app, ada.tokens.access_token),
      bob: await methods(app, bob.tokens.access_token),
    }

    // Found at the provider step: the app gets `error=identity_already_linked` and no code.
    const trip = await devRoundTrip(app, 'link', { email: 'bob@example.com' }, ada.tokens.access_token)
    expect([trip.error, trip.code]).toEqual(['identity_already_linked', null])
    expect((await methods(app, ada.tokens.access_token)).body).toEqual(before.ada.body)
    expect((await methods(app, bob.tokens.access_token)).body).toEqual(before.bob.body)
  })

  test('two accounts linking one identity at once: exactly one wins, the other gets IDENTITY_ALREADY_LINKED', async () => {
    const app = testApp()
    const accounts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signUp(app, `user${i}@example.com`).then((a) => a.tokens.access_token)),
    )
    // Every flow passes the provider step before any redeems, so the store's uniqueness decides.
    const trips = await Promise.all(
      accounts.map((token) => devRoundTrip(app, 'link', { email: 'contested@example.com' }, token)),
    )
    const replies = await Promise.all(
      trips.map((trip, i) =>
        call(app, 'POST', '/api/v1/oauth/dev/link/callback', {
          token: accounts[i],
          body: { code: trip.code, state: trip.state, code_verifier: trip.verifier },
        }),
      ),
    )
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1)
    expect(replies.filter((r) => r.status === 409).map((r) => r.body.error_code)).toEqual(
      Array(7).fill('IDENTITY_ALREADY_LINKED'),
    )
    const linked = await Promise.all(accounts.map((token) => methods(app, token)))
    expect(linked.filter((m) => m.body.identities.length === 1)).toHaveLength(1)
  })

  test('linking an identity the account already has changes nothing', async () => {
    const app = testApp()
    const ada = await signUp(app)
    expect((await devLink(app, ada.tokens.access_token, { email: 'ada.work@example.com' })).status).toBe(200)
    const again = await devLink(app, ada.tokens.access_token, { email: 'ada.work@example.com' })
    expect(again.status).toBe(200)
    expect(again.body.identities).toHaveLength(1)
  })
})

describe('DELETE /users/me/identities/{id}', () => {
  test('unlinks while another way in is left; the last one is refused with LAST_SIGN_IN_METHOD', async () => {
    const app = testApp()
    const grace = await devSignIn(app, { email: 'grace@example.com' })
    const token = grace.tokens.access_token
    const [only] = (await methods(app, token)).body.identities
    const refused = await call(app, 'DELETE', `/api/v1/users/me/identities/${only.id}`, { token })
    expect([refused.status, refused.body.error_code]).toEqual([409, 'LAST_SIGN_IN_METHOD'])

    await devLink(app, token, { email: 'grace.work@example.com' })
    const res = await call(app, 'DELETE', `/api/v1/users/me/identities/${only.id}`, { token })
    expect(res.status).toBe(200)
    expect(res.body.identities.map((i: { email: string }) => i.email)).toEqual(['grace.work@example.com'])
    // Signing in with it again goes through the linking rules as for anyone: its verified email is the account's
    // own address, so it is linked anew (a new id) — unlinking removes a way in, not the ownership of the address.
    const again = await devSignIn(app, { email: 'grace@example.com' })
    expect(again.user.id).toBe(grace.user.id)
    const relinked = (await methods(app, token)).body.identities
    expect(relinked).toHaveLength(2)
    expect(relinked.map((i: { id: string }) => i.id)).not.toContain(only.id)
  })

  test('a password is a way in: the only identity of an account with a password can go', async () => {
    const app = testApp()
    const ada = await signUp(app)
    const linked = await devLink(app, ada.tokens.access_token, { email: 'ada.work@example.com' })
    const id = linked.body.identities[0].id
    const res = await call(app, 'DELETE', `/api/v1/users/me/identities/${id}`, { token: ada.tokens.access_token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ password: true, identities: [], passkeys: 0 })
  })

  test("someone else's or an unknown identity is 404 and stays", async () => {
    const app = testApp()
    const bob = await devSignIn(app, { email: 'bob@example.com' })
    await devLink(app, bob.tokens.access_token, { email: 'bob.work@example.com' })
    const ada = await signUp(app)
    const [bobs] = (await methods(app, bob.tokens.access_token)).body.identities
    for (const id of [bobs.id, 'idn_unknown']) {
      const res = await call(app, 'DELETE', `/api/v1/users/me/identities/${id}`, { token: ada.tokens.access_token })
      expect([res.status, res.body.error_code]).toEqual([404, 'NOT_FOUND'])
    }
    expect((await methods(app, bob.tokens.access_token)).body.identities).toHaveLength(2)
  })

  test('many concurrent unlinks of the last two methods: exactly one succeeds, one way in is left', async () => {
    const app = testApp()
    const grace = await devSignIn(app, { email: 'grace@example.com' })
    const token = grace.tokens.access_token
    await devLink(app, token, { email: 'grace.work@example.com' })
    const ids = (await methods(app, token)).body.identities.map((i: { id: string }) => i.id)
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(app, 'DELETE', `/api/v1/users/me/identities/${ids[i % 2]}`, { token })),
    )
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1)
    expect(replies.every((r) => [200, 404, 409].includes(r.status))).toBe(true)
    expect(replies.some((r) => r.body?.error_code === 'LAST_SIGN_IN_METHOD')).toBe(true)
    expect((await methods(app, token)).body.identities).toHaveLength(1)
  })
})

describe('passkeys count as a way to sign in', () => {
  test('an identity can go while a passkey is left; the last passkey then cannot (LAST_SIGN_IN_METHOD)', async () => {
    const app = testApp()
    const grace = await devSignIn(app, { email: 'grace@example.com' })
    const token = grace.tokens.access_token
    // A passkey as registration would store it (the WebAuthn ceremony is tested in the passkey suites).
    await app.plinto.store.passkeys.create({
      id: 'pk_grace',
      user_id: grace.user.id,
      credential_id: 'cred_grace',
      public_key: 'pQECAyYgASFYIA',
      counter: 0,
      transports: ['internal'],
      device_type: 'multiDevice',
      backed_up: true,
      name: 'Phone',
      created_at: Date.now(),
      last_used_at: null,
    })
    const [identity] = (await methods(app, token)).body.identities
    const unlinked = await call(app, 'DELETE', `/api/v1/users/me/identities/${identity.id}`, { token })
    expect(unlinked.body).toEqual({ password: false, identities: [], passkeys: 1 })
    const refused = await call(app, 'DELETE', '/api/v1/passkeys/pk_grace', { token })
    expect([refused.status, refused.body.error_code]).toEqual([409, 'LAST_SIGN_IN_METHOD'])
    expect((await methods(app, token)).body.passkeys).toBe(1)
  })
})

describe('webhooks', () => {
  test('user.identity_linked and user.identity_unlinked, with the identity and provider (no provider user id)', async () => {
    const receiver = await startWebhookReceiver()
    try {
      const app = testApp({ config: { webhooks: [{ url: receiver.url, secret: 'whsec_test' }] } })
      const ada = await signUp(app)
      const linked = await devLink(app, ada.tokens.access_token, { email: 'ada.work@example.com' })
      const id = linked.body.identities[0].id
      await call(app, 'DELETE', `/api/v1/users/me/identities/${id}`, { token: ada.tokens.access_token })
      await app.plinto.webhooks.idle()
      const of = (event: string) => receiver.accepted.filter((a) => a.event.event === event).map((a) => a.event.data)
      const data = { user_id: ada.user.id, identity_id: id, provider: 'dev' }
      expect(of('user.identity_linked')).toEqual([data])
      expect(of('user.identity_unlinked')).toEqual([data])
    } finally {
      await receiver.close()
    }
  })
})
