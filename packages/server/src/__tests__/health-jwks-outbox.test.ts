import { describe, expect, test } from 'vitest'
import { HealthResponseSchema, OutboxResponseSchema } from '@plinto/contract'
import { createMemoryStore, silentLogger } from '../index'
import { call, signUp, testApp } from './helpers'

describe('health', () => {
  test.each(['', '/api/v1'])('GET %s/health, /liveness and /readiness', async (prefix) => {
    const app = testApp()
    const health = await call(app, 'GET', `${prefix}/health`)
    expect(health.status).toBe(200)
    expect(HealthResponseSchema.safeParse(health.body).success).toBe(true)
    expect(health.body.environment).toBe('test')
    expect((await call(app, 'GET', `${prefix}/health/liveness`)).body).toEqual({ status: 'ok' })
    expect((await call(app, 'GET', `${prefix}/health/readiness`)).body).toEqual({
      status: 'ok',
      checks: { database: true },
    })
  })

  test('readiness is 503 when the store cannot be reached', async () => {
    const store = createMemoryStore()
    store.ping = async () => false
    const res = await call(testApp({ store }), 'GET', '/health/readiness')
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({ error_code: 'INTERNAL_ERROR', checks: { database: false } })
  })
})

describe('JWKS', () => {
  test('is at the server root, public parameters only, cacheable', async () => {
    const app = testApp()
    const res = await call(app, 'GET', '/.well-known/jwks.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toMatch(/max-age=/)
    const [key] = res.body.keys
    expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'])
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })
    expect((await call(app, 'GET', '/api/v1/.well-known/jwks.json')).status).toBe(404)
  })

  test('the generated key is stored, so a second app on the same store signs with it', async () => {
    const store = createMemoryStore()
    const first = testApp({ store })
    const { tokens } = await signUp(first)
    const second = testApp({ store })
    expect((await call(second, 'GET', '/api/v1/auth/me', { token: tokens.access_token })).status).toBe(200)
  })
})

describe('dev outbox', () => {
  test.each(['development', 'test'] as const)('exists in %s mode and filters by address', async (mode) => {
    const app = testApp({ mode, config: { passwordHashIterations: 1000 } })
    await signUp(app, 'ada@example.com')
    await signUp(app, 'bob@example.com')
    const res = await call(app, 'GET', '/__dev/outbox?to=ADA@example.com')
    expect(OutboxResponseSchema.safeParse(res.body).success).toBe(true)
    expect(res.body.messages.map((m: { to: string }) => m.to)).toEqual(['ada@example.com'])
    expect((await call(app, 'GET', '/__dev/outbox')).body.messages).toHaveLength(2)
  })

  test('does not exist in production mode, and nothing is recorded', async () => {
    const sent: string[] = []
    const app = testApp({
      mode: 'production',
      config: { passwordHashIterations: 1000 },
      logger: silentLogger,
      mailer: { send: async (m) => void sent.push(m.to) },
    })
    await signUp(app)
    const res = await call(app, 'GET', '/__dev/outbox?to=ada@example.com')
    expect([res.status, res.body.error_code]).toEqual([404, 'NOT_FOUND'])
    expect(app.plinto.outbox).toBeUndefined()
    expect(sent).toEqual(['ada@example.com'])
  })
})
