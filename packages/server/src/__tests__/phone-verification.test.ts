// The account's phone number (CONTRACT.md § Users, "Phone number"): set → code by SMS (dev outbox) → verified;
// changing the number un-verifies it; codes are single-use, short-lived and take 5 attempts; sends are limited
// per account and per number; every change is announced as `user.updated`. The concurrency cases run on the
// memory store and, with two app instances on one schema, on a real PostgreSQL.
import { afterAll, describe, expect, inject, test } from 'vitest'
import { UserSchema } from '@plinto/contract'
import { createMemoryStore, type PlintoApp, type PlintoStore, silentLogger } from '../index'
import { createPostgresStore } from '../node'
import { call, PASSWORD, signIn, testApp } from './helpers'

const PHONE = '+14155550123'
const OTHER = '+442071838750'
const MINUTE = 60_000

function clockedApp(options: Parameters<typeof testApp>[0] = {}) {
  let now = Date.UTC(2030, 0, 1)
  const app = testApp({ clock: { now: () => now }, ...options })
  return { app, advance: (ms: number) => (now += ms) }
}

async function signedIn(app: PlintoApp, email = 'ada@example.com') {
  await app.plinto.createUser({ email, password: PASSWORD, email_verified: true })
  return (await signIn(app, email)).body.tokens.access_token as string
}

const setPhone = (app: PlintoApp, token: string, phone_number: string) =>
  call(app, 'POST', '/api/v1/users/me/phone', { token, body: { phone_number } })
const verify = (app: PlintoApp, token: string, code: string) =>
  call(app, 'POST', '/api/v1/users/me/phone/verify', { token, body: { code } })
const lastCode = (app: PlintoApp, phone = PHONE) => app.plinto.outbox!.messages(phone).at(-1)?.code as string
/** A 6-digit code that is not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

describe('phone verification', () => {
  test('set → code texted through the dev outbox → verify: phone_verified on the user and on /auth/me', async () => {
    const { app } = clockedApp()
    const token = await signedIn(app)
    const sent = await setPhone(app, token, ` ${PHONE} `)
    expect(sent.status).toBe(202)
    expect(sent.body).toEqual({ user: expect.any(Object), expires_in: 600, resend_in: 30 })
    expect(UserSchema.safeParse(sent.body.user).success).toBe(true)
    expect(sent.body.user).toMatchObject({ phone_number: PHONE, phone_verified: false })
    const message = app.plinto.outbox!.messages(PHONE).at(-1)
    expect(message).toMatchObject({ channel: 'sms', to: PHONE, code: expect.stringMatching(/^\d{6}$/) })
    expect(message?.text).toContain('10 minutes')

    const verified = await verify(app, token, lastCode(app))
    expect(verified.status).toBe(200)
    expect(verified.headers.get('cache-control')).toBe('no-store')
    expect(verified.body).toMatchObject({ phone_number: PHONE, phone_verified: true })
    const me = await call(app, 'GET', '/api/v1/auth/me', { token })
    expect(me.body).toMatchObject({ phone_number: PHONE, phone_verified: true })
  })

  test('a code is single-use', async () => {
    const { app } = clockedApp()
    const token = await signedIn(app)
    await setPhone(app, token, PHONE)
    const code = lastCode(app)
    expect((await verify(app, token, code)).status).toBe(200)
    const again = await verify(app, token, code)
    expect([again.status, again.body.error_code]).toEqual([400, 'PHONE_CODE_EXPIRED'])
  })

  test('a code expires after 10 minutes (PHONE_CODE_EXPIRED), and without one pending there is nothing to verify', async () => {
    const { app, advance } = clockedApp()
    const token = await signedIn(app)
    const none = await verify(app, token, '123456')
    expect([none.status, none.body.error_code]).toEqual([400, 'PHONE_CODE_EXPIRED'])
    await setPhone(app, token, PHONE)
    advance(10 * MINUTE)
    const late = await verify(app, token, lastCode(app))
    expect([late.status, late.body.error_code]).toEqual([400, 'PHONE_CODE_EXPIRED'])
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body.phone_verified).toBe(false)
  })

  test('five wrong codes use the code up: the right one is refused after them (PHONE_CODE_ATTEMPTS_EXCEEDED)', async () => {
    const { app } = clockedApp()
    const token = await signedIn(app)
    await setPhone(app, token, PHONE)
    const code = lastCode(app)
    for (let i = 0; i < 5; i++) {
      const reply = await verify(app, token, wrong(code))
      expect([reply.status, reply.body.error_code]).toEqual([400, 'INVALID_PHONE_CODE'])
    }
    const right = await verify(app, token, code)
    expect([right.status, right.body.error_code]).toEqual([400, 'PHONE_CODE_ATTEMPTS_EXCEEDED'])
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body.phone_verified).toBe(false)
  })

  test('changing the number un-verifies it, and a code texted to the old number no longer verifies anything', async () => {
    const { app, advance } = clockedApp()
    const token = await signedIn(app)
    await setPhone(app, token, PHONE)
    expect((await verify(app, token, lastCode(app))).body.phone_verified).toBe(true)

    advance(MINUTE)
    await setPhone(app, token, OTHER)
    const oldNumberCode = lastCode(app, OTHER)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body).toMatchObject({
      phone_number: OTHER,
      phone_verified: false,
    })
    // Back to the first number: the code texted to OTHER was replaced and verifies nothing.
    advance(MINUTE)
    await setPhone(app, token, PHONE)
    const stale = await verify(app, token, oldNumberCode)
    expect(stale.status).toBe(400)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body).toMatchObject({
      phone_number: PHONE,
      phone_verified: false,
    })
    expect((await verify(app, token, lastCode(app))).body.phone_verified).toBe(true)
  })

  test('the verified number again is refused (422 on phone_number); a malformed number is 422 with the E.164 rule', async () => {
    const { app } = clockedApp()
    const token = await signedIn(app)
    await setPhone(app, token, PHONE)
    await verify(app, token, lastCode(app))
    const same = await setPhone(app, token, PHONE)
    expect([same.status, same.body.errors[0].field]).toEqual([422, 'phone_number'])
    const bad = await setPhone(app, token, '415 555 0123')
    expect([bad.status, bad.body.errors[0].field]).toEqual([422, 'phone_number'])
    expect(app.plinto.outbox!.messages('415 555 0123')).toEqual([])
  })

  test('sends are limited: 30 s between two codes of an account, 5 per hour per account, 5 per hour per number', async () => {
    const { app, advance } = clockedApp()
    const token = await signedIn(app)
    expect((await setPhone(app, token, PHONE)).status).toBe(202)
    const soon = await setPhone(app, token, PHONE)
    expect([soon.status, soon.body.error_code, soon.body.retry_after]).toEqual([429, 'RATE_LIMITED', 30])
    for (let i = 0; i < 4; i++) {
      advance(31_000)
      expect((await setPhone(app, token, PHONE)).status).toBe(202)
    }
    advance(31_000)
    const sixth = await setPhone(app, token, OTHER)
    expect([sixth.status, sixth.body.error_code]).toEqual([429, 'RATE_LIMITED'])
    expect(app.plinto.outbox!.messages(PHONE)).toHaveLength(5)
    expect(app.plinto.outbox!.messages(OTHER)).toHaveLength(0)
    // Refused sends changed nothing.
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body.phone_number).toBe(PHONE)

    // Per number, across accounts: five other accounts may not flood one phone either.
    const victim = '+15005550006'
    const tokens = await Promise.all(['b', 'c', 'd', 'e', 'f', 'g'].map((n) => signedIn(app, `${n}@example.com`)))
    const replies = []
    for (const t of tokens) replies.push((await setPhone(app, t, victim)).status)
    expect(replies).toEqual([202, 202, 202, 202, 202, 429])
    expect(app.plinto.outbox!.messages(victim)).toHaveLength(5)
  })

  test('DELETE /users/me/phone clears the number and its pending code', async () => {
    const { app } = clockedApp()
    const token = await signedIn(app)
    await setPhone(app, token, PHONE)
    const code = lastCode(app)
    const removed = await call(app, 'DELETE', '/api/v1/users/me/phone', { token })
    expect(removed.status).toBe(200)
    expect(removed.body).toMatchObject({ phone_number: null, phone_verified: false })
    expect((await verify(app, token, code)).body.error_code).toBe('PHONE_CODE_EXPIRED')
    // Nothing to remove is not an error.
    expect((await call(app, 'DELETE', '/api/v1/users/me/phone', { token })).status).toBe(200)
  })

  test('the phone number is not the SMS second factor: verifying one leaves MFA off', async () => {
    const { app } = clockedApp()
    const token = await signedIn(app)
    await setPhone(app, token, PHONE)
    await verify(app, token, lastCode(app))
    expect((await call(app, 'GET', '/api/v1/mfa/status', { token })).body).toMatchObject({
      enabled: false,
      methods: [],
    })
    expect((await signIn(app)).body.mfa_required).toBeUndefined()
  })

  test('without a session every phone endpoint is 401', async () => {
    const { app } = clockedApp()
    expect((await call(app, 'POST', '/api/v1/users/me/phone', { body: { phone_number: PHONE } })).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/users/me/phone/verify', { body: { code: '123456' } })).status).toBe(401)
    expect((await call(app, 'DELETE', '/api/v1/users/me/phone')).status).toBe(401)
  })

  test('setting, verifying and removing the number are announced as user.updated with the wire user', async () => {
    const store = createMemoryStore()
    const { app } = clockedApp({
      store,
      config: { webhooks: [{ url: 'http://127.0.0.1:9/hooks', secret: 's'.repeat(32) }] },
    })
    const token = await signedIn(app)
    await setPhone(app, token, PHONE)
    await verify(app, token, lastCode(app))
    await call(app, 'DELETE', '/api/v1/users/me/phone', { token })
    const claimed = await store.outbox.claim({ owner: 'whw_test', nowMs: Date.UTC(2031, 0, 1), leaseMs: 1, limit: 100 })
    const updates = claimed
      .filter((record) => record.event === 'user.updated')
      .map((record) => (JSON.parse(record.data) as { user: Record<string, unknown> }).user)
    // Claimed in no guaranteed order (one clock tick for all three): compared as a set.
    const states = updates.map((user) => `${user.phone_number} ${user.phone_verified}`).sort()
    expect(states).toEqual([`${PHONE} false`, `${PHONE} true`, 'null false'])
  })
})

const ATTACK = 30

function concurrency(name: string, createStore: () => Promise<PlintoStore>, instances: number) {
  describe(name, () => {
    const stores: PlintoStore[] = []
    afterAll(() => Promise.all(stores.map((store) => store.close())))

    async function setUp(email: string) {
      const apps: PlintoApp[] = []
      for (let i = 0; i < instances; i++) {
        const store = await createStore()
        stores.push(store)
        apps.push(testApp({ store }))
      }
      const app = apps[0]!
      const token = await signedIn(app, email)
      // A number of its own per run: the per-number budget is shared by every account on the store.
      const phone = `+1415${String(Date.now()).slice(-7)}`
      expect((await setPhone(app, token, phone)).status).toBe(202)
      return { apps, app, token, code: lastCode(app, phone) }
    }

    test(`${ATTACK} concurrent wrong codes: exactly 5 are checked, the rest are refused unchecked`, async () => {
      const { apps, app, token, code } = await setUp(`phone-wrong-${Date.now()}@example.com`)
      const replies = await Promise.all(
        Array.from({ length: ATTACK }, (_, i) => verify(apps[i % apps.length]!, token, wrong(code))),
      )
      const codes = replies.map((r) => `${r.status} ${r.body.error_code}`)
      expect(codes.filter((c) => c === '400 INVALID_PHONE_CODE')).toHaveLength(5)
      expect(codes.filter((c) => c === '400 PHONE_CODE_ATTEMPTS_EXCEEDED')).toHaveLength(ATTACK - 5)
      expect((await verify(app, token, code)).body.error_code).toBe('PHONE_CODE_ATTEMPTS_EXCEEDED')
    })

    test('5 concurrent right codes: exactly one verifies, the others find the code gone', async () => {
      const { apps, app, token, code } = await setUp(`phone-right-${Date.now()}@example.com`)
      const replies = await Promise.all(
        Array.from({ length: 5 }, (_, i) => verify(apps[i % apps.length]!, token, code)),
      )
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1)
      expect(replies.filter((r) => r.body?.error_code === 'PHONE_CODE_EXPIRED')).toHaveLength(4)
      expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body.phone_verified).toBe(true)
    })

    test(`${ATTACK} concurrent sends: one code goes out (30 s cooldown), the rest are 429`, async () => {
      const apps: PlintoApp[] = []
      for (let i = 0; i < instances; i++) {
        const store = await createStore()
        stores.push(store)
        apps.push(testApp({ store }))
      }
      const token = await signedIn(apps[0]!, `phone-send-${Date.now()}@example.com`)
      const phone = `+1628${String(Date.now()).slice(-7)}`
      const replies = await Promise.all(
        Array.from({ length: ATTACK }, (_, i) => setPhone(apps[i % apps.length]!, token, phone)),
      )
      expect(replies.filter((r) => r.status === 202)).toHaveLength(1)
      expect(replies.filter((r) => r.status === 429)).toHaveLength(ATTACK - 1)
    })
  })
}

concurrency('phone verification on the memory store', async () => createMemoryStore(), 1)

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
const schema = `plinto_phone_race_${Date.now()}`
describe.skipIf(!realDatabase)('phone verification on a real PostgreSQL', () => {
  concurrency(
    'two app instances on one schema',
    () => createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger }),
    2,
  )
})
