import { describe, expect, test } from 'vitest'
import { call, PASSWORD, testApp } from './helpers'

function limitedApp(options: Parameters<typeof testApp>[0] = {}) {
  let now = Date.UTC(2030, 0, 1, 12, 0, 0)
  const app = testApp({
    mode: 'development',
    config: { passwordHashIterations: 1000 },
    clock: { now: () => now },
    ...options,
  })
  return { app, advance: (ms: number) => (now += ms), now: () => now }
}

describe('rate limits', () => {
  test('every response carries X-RateLimit-Limit/Remaining/Reset (general: 100 per minute)', async () => {
    const { app, now } = limitedApp()
    const res = await call(app, 'GET', '/health')
    expect(res.headers.get('x-ratelimit-limit')).toBe('100')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('99')
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBe(Math.ceil((now() + 60_000) / 1000))
    const notFound = await call(app, 'GET', '/nope')
    expect(notFound.headers.get('x-ratelimit-remaining')).toBe('98')
  })

  test('sign-in: 5 per minute per IP, then 429 RATE_LIMITED with retry_after and Retry-After; the window then resets', async () => {
    const { app, advance } = limitedApp()
    const attempt = () =>
      call(app, 'POST', '/api/v1/auth/signin', { body: { email: `u${Math.random()}@example.com`, password: PASSWORD } })
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401)
    advance(18_000)
    const limited = await attempt()
    expect(limited.status).toBe(429)
    expect(limited.body).toMatchObject({ error_code: 'RATE_LIMITED', retry_after: 42 })
    expect(limited.headers.get('retry-after')).toBe('42')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    advance(42_000)
    expect((await attempt()).status).toBe(401)
  })

  test('sign-in is also limited per account, across IPs', async () => {
    const { app } = limitedApp({ config: { trustProxy: true, passwordHashIterations: 1000 } })
    const attempt = (ip: string) =>
      call(app, 'POST', '/api/v1/auth/signin', {
        body: { email: 'ada@example.com', password: 'wrong password' },
        headers: { 'x-forwarded-for': ip },
      })
    for (let i = 0; i < 5; i++) expect((await attempt(`10.0.0.${i}`)).status).toBe(401)
    expect((await attempt('10.0.0.99')).status).toBe(429)
  })

  test('the X-Forwarded-For entries a client adds itself are not trusted', async () => {
    const { app } = limitedApp({ config: { trustProxy: true, passwordHashIterations: 1000 } })
    const attempt = (spoofed: string) =>
      call(app, 'POST', '/api/v1/auth/signup', {
        body: { email: 'x', password: PASSWORD },
        headers: { 'x-forwarded-for': `${spoofed}, 192.0.2.1` },
      })
    for (let i = 0; i < 3; i++) expect((await attempt(`10.0.0.${i}`)).status).toBe(422)
    expect((await attempt('10.0.0.50')).status).toBe(429)
  })

  test.each([
    ['sign-up', '/api/v1/auth/signup', { email: 'x', password: PASSWORD }, 3],
    ['password reset', '/api/v1/auth/password/forgot', { email: 'ada@example.com' }, 3],
    ['email verification', '/api/v1/auth/email/verify', { token: 'x' }, 5],
    ['magic link', '/api/v1/auth/magic-link', { email: 'ada@example.com' }, 5],
  ])('%s has its contract budget (path %s), then 429', async (_, path, body, limit) => {
    const { app } = limitedApp()
    for (let i = 0; i < limit; i++) expect((await call(app, 'POST', path, { body })).status).not.toBe(429)
    const res = await call(app, 'POST', path, { body })
    expect(res.status).toBe(429)
    expect(res.headers.get('x-ratelimit-limit')).toBe(String(limit))
  })

  test('password reset windows are an hour long', async () => {
    const { app, advance } = limitedApp()
    const forgot = () => call(app, 'POST', '/api/v1/auth/password/forgot', { body: { email: 'ada@example.com' } })
    for (let i = 0; i < 3; i++) await forgot()
    advance(59 * 60_000)
    expect((await forgot()).status).toBe(429)
    advance(60_000)
    expect((await forgot()).status).toBe(202)
  })

  test('classes count separately: exhausting sign-in leaves the general budget alone', async () => {
    const { app } = limitedApp()
    for (let i = 0; i < 6; i++)
      await call(app, 'POST', '/api/v1/auth/signin', { body: { email: 'a@example.com', password: PASSWORD } })
    expect((await call(app, 'GET', '/health')).status).toBe(200)
  })

  test('limits are configurable, and off by default in test mode', async () => {
    const { app } = limitedApp({ config: { rateLimit: { signin: { limit: 1 } }, passwordHashIterations: 1000 } })
    await call(app, 'POST', '/api/v1/auth/signin', { body: { email: 'a@example.com', password: PASSWORD } })
    expect(
      (await call(app, 'POST', '/api/v1/auth/signin', { body: { email: 'a@example.com', password: PASSWORD } })).status,
    ).toBe(429)

    const testMode = testApp()
    for (let i = 0; i < 10; i++) {
      const res = await call(testMode, 'POST', '/api/v1/auth/signin', {
        body: { email: 'a@example.com', password: PASSWORD },
      })
      expect(res.status).toBe(401)
      expect(res.headers.get('x-ratelimit-limit')).toBeNull()
    }
  })

  test('an unknown class in the configuration is refused at start-up', () => {
    expect(() => testApp({ config: { rateLimit: { login: { limit: 1 } } as never } })).toThrow(
      /Unknown rate-limit class login/,
    )
  })
})
