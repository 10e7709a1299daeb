import { describe, expect, test } from 'vitest'
import { TokenResponseSchema } from '@plinto/contract'
import { call, signUp, testApp } from './helpers'

function setup(config: Parameters<typeof testApp>[0] = {}) {
  let now = Date.UTC(2030, 0, 1)
  const clock = { now: () => now, advance: (ms: number) => (now += ms) }
  const app = testApp({ clock, ...config })
  const refresh = (refresh_token: string) => call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token } })
  const me = (token: string) => call(app, 'GET', '/api/v1/auth/me', { token })
  return { app, clock, refresh, me }
}

describe('POST /auth/refresh', () => {
  test('rotates: a new pair every time, and the new access token works', async () => {
    const { app, refresh, me } = setup()
    const { tokens } = await signUp(app)
    const first = await refresh(tokens.refresh_token)
    expect(first.status).toBe(200)
    expect(TokenResponseSchema.safeParse(first.body).success).toBe(true)
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token)
    expect(first.body.access_token).not.toBe(tokens.access_token)
    expect((await me(first.body.access_token)).status).toBe(200)
    const second = await refresh(first.body.refresh_token)
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token)
  })

  test('within the grace window, the rotated token returns the SAME successor pair', async () => {
    const { app, clock, refresh } = setup()
    const { tokens } = await signUp(app)
    const first = await refresh(tokens.refresh_token)
    clock.advance(9_000)
    const again = await refresh(tokens.refresh_token)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    // And the successor is still the live token of the session.
    expect((await refresh(first.body.refresh_token)).status).toBe(200)
  })

  test('concurrent refreshes with one token both succeed with the same pair', async () => {
    const { app, refresh } = setup()
    const { tokens } = await signUp(app)
    const [a, b] = await Promise.all([refresh(tokens.refresh_token), refresh(tokens.refresh_token)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body).toEqual(b.body)
  })

  test('after the grace window, reuse revokes the whole session: 401 REFRESH_TOKEN_REUSED', async () => {
    const { app, clock, refresh, me } = setup()
    const { tokens } = await signUp(app)
    const successor = await refresh(tokens.refresh_token)
    clock.advance(10_001)
    const reuse = await refresh(tokens.refresh_token)
    expect([reuse.status, reuse.body.error_code]).toEqual([401, 'REFRESH_TOKEN_REUSED'])
    // Every token of the family is dead, and so is the session's access token.
    expect((await refresh(successor.body.refresh_token)).body.error_code).toBe('SESSION_REVOKED')
    expect((await me(successor.body.access_token)).body.error_code).toBe('SESSION_REVOKED')
  })

  test('the grace window is configurable', async () => {
    const { app, clock, refresh } = setup({ config: { refreshGraceSeconds: 0 } })
    const { tokens } = await signUp(app)
    await refresh(tokens.refresh_token)
    clock.advance(1)
    expect((await refresh(tokens.refresh_token)).body.error_code).toBe('REFRESH_TOKEN_REUSED')
  })

  test('an unknown token is 401 INVALID_REFRESH_TOKEN, and so is a missing one', async () => {
    const { refresh, app } = setup()
    expect((await refresh('x'.repeat(43))).body.error_code).toBe('INVALID_REFRESH_TOKEN')
    const empty = await call(app, 'POST', '/api/v1/auth/refresh')
    expect([empty.status, empty.body.error_code]).toEqual([401, 'INVALID_REFRESH_TOKEN'])
  })

  test('an expired refresh token is 401 INVALID_REFRESH_TOKEN', async () => {
    const { app, clock, refresh } = setup({ config: { refreshTokenTtl: 600 } })
    const { tokens } = await signUp(app)
    clock.advance(600_000)
    expect((await refresh(tokens.refresh_token)).body.error_code).toBe('INVALID_REFRESH_TOKEN')
  })

  test('using the session keeps it alive: each rotation starts a new lifetime', async () => {
    const { app, clock, refresh } = setup({ config: { refreshTokenTtl: 600 } })
    const { tokens } = await signUp(app)
    clock.advance(500_000)
    const next = await refresh(tokens.refresh_token)
    clock.advance(500_000)
    expect((await refresh(next.body.refresh_token)).status).toBe(200)
  })

  test('refresh tokens are stored hashed, never as issued', async () => {
    const { app } = setup()
    const { tokens } = await signUp(app)
    const state = JSON.stringify(await app.plinto.store.refreshTokens.getByHash(tokens.refresh_token))
    expect(state).toBe(undefined)
    const { sha256 } = await import('../crypto/hash')
    const record = await app.plinto.store.refreshTokens.getByHash(await sha256(tokens.refresh_token))
    expect(record).toBeDefined()
    expect(JSON.stringify(record)).not.toContain(tokens.refresh_token)
  })

  test('the successor kept for the grace window is sealed and wiped after it', async () => {
    const { app, clock, refresh } = setup()
    const { tokens } = await signUp(app)
    const next = await refresh(tokens.refresh_token)
    const { sha256 } = await import('../crypto/hash')
    const hash = await sha256(tokens.refresh_token)
    const during = await app.plinto.store.refreshTokens.getByHash(hash)
    expect(during?.successor_box).toEqual(expect.any(String))
    expect(during?.successor_box).not.toContain(next.body.refresh_token)
    clock.advance(11_000)
    await refresh(next.body.refresh_token) // any refresh sweeps
    expect((await app.plinto.store.refreshTokens.getByHash(hash))?.successor_box).toBeNull()
  })
})
