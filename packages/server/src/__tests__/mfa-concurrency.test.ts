// Wrong MFA codes sent at once, as an attacker would: the store counts each attempt before its code is checked,
// so N concurrent codes get at most the limit of checks (5 per mfa_token, 10 per user on the MFA management
// endpoints), on the memory store and on PostgreSQL, where two app instances share one database.
import { afterAll, describe, expect, inject, test } from 'vitest'
import { generateTotp } from '../crypto/totp'
import { createMemoryStore, type PlintoApp, type PlintoStore, silentLogger } from '../index'
import { createPostgresStore } from '../node'
import { call, PASSWORD, signIn, testApp } from './helpers'

const ATTACK = 30

function suite(name: string, createStore: () => Promise<PlintoStore>, instances: number) {
  describe(name, () => {
    const stores: PlintoStore[] = []
    afterAll(() => Promise.all(stores.map((store) => store.close?.())))

    /** `instances` apps on one store (one pool each on PostgreSQL), a TOTP user, and a Bearer token. */
    async function setUp(email: string) {
      // Mid-step, so the enabling code stays valid while the test runs.
      const now = () => Date.UTC(2030, 0, 1, 0, 0, 15)
      const apps: PlintoApp[] = []
      for (let i = 0; i < instances; i++) {
        const store = await createStore()
        stores.push(store)
        apps.push(testApp({ store, clock: { now } }))
      }
      const app = apps[0]!
      await app.plinto.createUser({ email, password: PASSWORD, email_verified: true })
      const token = (await signIn(app, email)).body.tokens.access_token as string
      const setup = await call(app, 'POST', '/api/v1/mfa/totp/enable', { token })
      const verify = await call(app, 'POST', '/api/v1/mfa/totp/verify', {
        token,
        body: { code: await generateTotp(setup.body.secret, now()) },
      })
      expect(verify.body).toEqual({ enabled: true })
      return { apps, app, token, email }
    }

    test(`${ATTACK} concurrent wrong codes on one mfa_token: exactly 5 are checked, the rest refused`, async () => {
      const { apps, app, email } = await setUp(`race-challenge-${Date.now()}@example.com`)
      const signin = await signIn(app, email)
      const mfaToken = signin.body.mfa_token as string
      expect(mfaToken).toEqual(expect.any(String))
      const replies = await Promise.all(
        Array.from({ length: ATTACK }, (_, i) =>
          call(apps[i % apps.length]!, 'POST', '/api/v1/mfa/challenge', {
            body: { mfa_token: mfaToken, code: '000000' },
          }),
        ),
      )
      const codes = replies.map((r) => `${r.status} ${r.body.error_code}`)
      expect(codes.filter((c) => c === '400 INVALID_MFA_CODE')).toHaveLength(5)
      expect(codes.filter((c) => c === '400 INVALID_TOKEN')).toHaveLength(ATTACK - 5)
      expect(replies.filter((r) => r.body.detail === 'Too many wrong codes; sign in again')).toHaveLength(1)
    })

    test(`${ATTACK} concurrent wrong codes on /mfa/totp/disable: exactly 10 are checked, the rest answer 429`, async () => {
      const { apps, token } = await setUp(`race-disable-${Date.now()}@example.com`)
      const replies = await Promise.all(
        Array.from({ length: ATTACK }, (_, i) =>
          call(apps[i % apps.length]!, 'POST', '/api/v1/mfa/totp/disable', { token, body: { code: '000000' } }),
        ),
      )
      const codes = replies.map((r) => `${r.status} ${r.body.error_code}`)
      expect(codes.filter((c) => c === '400 INVALID_MFA_CODE')).toHaveLength(10)
      expect(codes.filter((c) => c === '429 RATE_LIMITED')).toHaveLength(ATTACK - 10)
    })
  })
}

suite('on the memory store', async () => createMemoryStore(), 1)

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
const schema = `plinto_mfa_race_${Date.now()}`
describe.skipIf(!realDatabase)('on a real PostgreSQL', () => {
  suite(
    'two app instances on one schema',
    () => createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger }),
    2,
  )
})
