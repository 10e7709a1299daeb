// The `X-RateLimit-*` headers reach the caller on the error: `limit`, `remaining` and `reset`, besides
// `retryAfter`, so an app can say when the person may try again. Against the real reference server with the
// contract's sign-in limit (5 per minute per IP), then header edge cases through MSW.
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PlintoClient } from '../index'
import { failure, useBackend } from './integration-setup'

describe('rate-limit information from the reference server', () => {
  const { backend, client } = useBackend({ rateLimit: { signin: { limit: 5, windowSeconds: 60 } } })

  it('the sixth sign-in in a minute is RATE_LIMITED with limit, remaining 0 and the reset time', async () => {
    const plinto = client()
    const before = Math.floor(backend.app.plinto.clock.now() / 1000)
    for (let i = 0; i < 5; i++) {
      const refused = await failure(plinto.auth.signIn({ email: `nobody${i}@example.com`, password: 'wrong-password' }))
      expect(refused.code).toBe('INVALID_CREDENTIALS')
      // Non-429 answers carry the budget too: what is left of it.
      expect(refused.rateLimit).toEqual({ limit: 5, remaining: 4 - i, reset: expect.any(Number) })
    }
    const limited = await failure(plinto.auth.signIn({ email: 'nobody@example.com', password: 'wrong-password' }))
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', status: 429, rateLimit: { limit: 5, remaining: 0 } })
    const reset = limited.rateLimit!.reset
    expect(reset).toBeGreaterThan(before)
    expect(reset).toBeLessThanOrEqual(before + 61)
    // Retry-After and the reset describe the same moment.
    expect(limited.retryAfter).toBeGreaterThan(0)
    expect(Math.abs(before + limited.retryAfter! - reset)).toBeLessThanOrEqual(1)
  })
})

describe('rate-limit headers as they come', () => {
  const API = 'https://rate.test'
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  const limitedWith = (headers: Record<string, string>) =>
    server.use(
      http.post(`${API}/api/v1/auth/signin`, () =>
        HttpResponse.json({ detail: 'Slow down', error_code: 'RATE_LIMITED' }, { status: 429, headers }),
      ),
    )
  const signIn = () => {
    const plinto = new PlintoClient({ apiUrl: API, tokenStorage: { type: 'memory' } })
    return failure(plinto.auth.signIn({ email: 'a@example.com', password: 'p' })).finally(() => plinto.dispose())
  }

  it('all three numbers: read as numbers', async () => {
    limitedWith({ 'X-RateLimit-Limit': '5', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1767000000' })
    expect((await signIn()).rateLimit).toEqual({ limit: 5, remaining: 0, reset: 1767000000 })
  })

  it('a missing, empty or non-numeric header: no rateLimit rather than a wrong one', async () => {
    const cases: Record<string, string>[] = [
      { 'X-RateLimit-Limit': '5', 'X-RateLimit-Remaining': '0' },
      { 'X-RateLimit-Limit': '5', 'X-RateLimit-Remaining': '', 'X-RateLimit-Reset': '1767000000' },
      { 'X-RateLimit-Limit': 'five', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1767000000' },
      {},
    ]
    for (const headers of cases) {
      limitedWith(headers)
      const error = await signIn()
      expect(error.code).toBe('RATE_LIMITED')
      expect(error.rateLimit).toBeUndefined()
    }
  })
})
