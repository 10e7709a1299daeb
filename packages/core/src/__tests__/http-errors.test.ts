import { http, HttpResponse, delay } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { PlintoClient, SERVER_ERROR_CODES, isPlintoError } from '../index'
import { API, BASE, makeUser } from './helpers'
import { failure } from './integration-setup'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.useRealTimers()
})
afterAll(() => server.close())

const client = () => new PlintoClient({ apiUrl: API, tokenStorage: { type: 'memory' } })

const STATUS: Record<string, number> = {
  VALIDATION_ERROR: 422,
  WEAK_PASSWORD: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_REFRESH_TOKEN: 401,
  REFRESH_TOKEN_REUSED: 401,
  SESSION_REVOKED: 401,
  MFA_REQUIRED: 401,
  INVALID_MFA_CODE: 400,
  INVALID_PHONE_CODE: 400,
  PHONE_CODE_EXPIRED: 400,
  PHONE_CODE_ATTEMPTS_EXCEEDED: 400,
  REAUTH_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  SLUG_TAKEN: 409,
  INVALID_TOKEN: 400,
  INVALID_EMAIL_CODE: 400,
  EMAIL_CODE_EXPIRED: 400,
  EMAIL_CODE_ATTEMPTS_EXCEEDED: 400,
  EMAIL_CODES_DISABLED: 403,
  PASSKEY_VERIFICATION_FAILED: 400,
  IDENTITY_ALREADY_LINKED: 409,
  LAST_SIGN_IN_METHOD: 409,
  OAUTH_ERROR: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
}

describe('error mapping', () => {
  it.each(SERVER_ERROR_CODES.map((code) => [code, STATUS[code]!] as const))(
    'maps the contract body with %s (%i)',
    async (code, status) => {
      server.use(
        http.post(`${BASE}/auth/password/forgot`, () =>
          HttpResponse.json(
            {
              detail: `about ${code}`,
              error_code: code,
              timestamp: '2026-01-01T00:00:00Z',
              path: '/api/v1/auth/password/forgot',
            },
            { status, headers: { 'X-Request-Id': `req_${code}` } },
          ),
        ),
      )
      const error = await failure(client().auth.forgotPassword({ email: 'ada@example.com' }))
      expect(error).toMatchObject({
        code,
        status,
        message: `about ${code}`,
        detail: `about ${code}`,
        requestId: `req_${code}`,
      })
      expect(error.retryable).toBe(status === 429 || status >= 500)
    },
  )

  it('reads validation fields and retry_after', async () => {
    server.use(
      http.post(`${BASE}/auth/signup`, () =>
        HttpResponse.json(
          {
            detail: 'Invalid input',
            error_code: 'VALIDATION_ERROR',
            errors: [{ field: 'email', message: 'Enter a valid email' }],
          },
          { status: 422 },
        ),
      ),
      http.post(`${BASE}/auth/signin`, () =>
        HttpResponse.json(
          { detail: 'Slow down', error_code: 'RATE_LIMITED', retry_after: 42 },
          { status: 429, headers: { 'Retry-After': '42' } },
        ),
      ),
    )
    const plinto = client()
    expect(await failure(plinto.auth.signUp({ email: 'x', password: 'p' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: [{ field: 'email', message: 'Enter a valid email' }],
    })
    expect(await failure(plinto.auth.signIn({ email: 'a@b.co', password: 'p' }))).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 42,
      retryable: true,
    })
  })

  it('reads the FastAPI envelope {"error": {code, message, details}}', async () => {
    server.use(
      http.post(`${BASE}/auth/signin`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'invalid_credentials',
              message: 'Wrong email or password',
              details: [{ field: 'password', message: 'wrong' }],
            },
          },
          { status: 401 },
        ),
      ),
    )
    expect(await failure(client().auth.signIn({ email: 'a@b.co', password: 'p' }))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      status: 401,
      message: 'Wrong email or password',
      fields: [{ field: 'password', message: 'wrong' }],
    })
  })

  it('reads RFC 7807 problem details', async () => {
    server.use(
      http.post(`${BASE}/auth/email/verify`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Not Found', detail: 'No such token', status: 404 },
          { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    )
    expect(await failure(client().auth.verifyEmail('t'))).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      message: 'No such token',
    })
  })

  it("reads FastAPI's native 422 and the docs' {detail, status_code} bodies", async () => {
    server.use(
      http.post(`${BASE}/auth/signup`, () =>
        HttpResponse.json(
          { detail: [{ loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error' }] },
          { status: 422 },
        ),
      ),
      http.post(`${BASE}/auth/signin`, () =>
        HttpResponse.json({ detail: 'Invalid credentials', status_code: 401 }, { status: 401 }),
      ),
    )
    const plinto = client()
    expect(await failure(plinto.auth.signUp({ email: 'x', password: 'p' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: [{ field: 'email', message: 'value is not a valid email address' }],
    })
    expect(await failure(plinto.auth.signIn({ email: 'a@b.co', password: 'p' }))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Invalid credentials',
    })
  })

  it.each([
    [502, 'INTERNAL_ERROR'],
    [404, 'NOT_FOUND'],
    [403, 'FORBIDDEN'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'RATE_LIMITED'],
    [400, 'VALIDATION_ERROR'],
  ])('maps a non-JSON %i body to %s', async (status, code) => {
    server.use(
      http.post(
        `${BASE}/auth/magic-link`,
        () => new HttpResponse('<html>Bad Gateway</html>', { status, headers: { 'Content-Type': 'text/html' } }),
      ),
    )
    expect(await failure(client().auth.sendMagicLink({ email: 'a@b.co' }))).toMatchObject({ code, status })
  })

  it('turns a 2xx body that fails its schema into INVALID_RESPONSE, never a half-typed object', async () => {
    server.use(
      http.post(`${BASE}/auth/signin`, () =>
        HttpResponse.json({ user: { id: 'usr_1' }, tokens: {} }, { headers: { 'X-Request-Id': 'req_bad' } }),
      ),
      http.post(`${BASE}/auth/password/forgot`, () => new HttpResponse('OK', { status: 202 })),
    )
    const plinto = client()
    expect(await failure(plinto.auth.signIn({ email: 'a@b.co', password: 'p' }))).toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 200,
      requestId: 'req_bad',
    })
    expect(plinto.getSnapshot().status).not.toBe('signed_in')
    expect(await failure(plinto.auth.forgotPassword({ email: 'a@b.co' }))).toMatchObject({ code: 'INVALID_RESPONSE' })
  })

  it('maps a failed connection to NETWORK_ERROR', async () => {
    server.use(http.post(`${BASE}/auth/signin`, () => HttpResponse.error()))
    expect(await failure(client().auth.signIn({ email: 'a@b.co', password: 'p' }))).toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      retryable: true,
    })
  })

  it('maps a slow server to TIMEOUT', async () => {
    vi.useFakeTimers()
    server.use(
      http.post(`${BASE}/auth/signin`, async () => {
        await delay(5_000)
        return HttpResponse.json({})
      }),
    )
    const plinto = new PlintoClient({ apiUrl: API, tokenStorage: { type: 'memory' }, timeout: 1_000 })
    const pending = failure(plinto.auth.signIn({ email: 'a@b.co', password: 'p' }))
    await vi.advanceTimersByTimeAsync(1_500)
    expect(await pending).toMatchObject({ code: 'TIMEOUT', retryable: true })
  })
})

describe('retries', () => {
  const signedIn = async () => {
    const plinto = client()
    server.use(
      http.post(`${BASE}/auth/signin`, () =>
        HttpResponse.json({
          user: makeUser(),
          tokens: { access_token: 'at_1', refresh_token: 'rt_1', token_type: 'bearer', expires_in: 3600 },
        }),
      ),
    )
    await plinto.auth.signIn({ email: 'a@b.co', password: 'p' })
    return plinto
  }

  it('retries idempotent requests on 5xx with backoff, and not POSTs', async () => {
    vi.useFakeTimers()
    let gets = 0
    let posts = 0
    server.use(
      http.get(`${BASE}/auth/me`, () =>
        ++gets < 3
          ? HttpResponse.json({ detail: 'busy', error_code: 'INTERNAL_ERROR' }, { status: 503 })
          : HttpResponse.json(makeUser()),
      ),
      http.post(`${BASE}/auth/password/change`, () => {
        ++posts
        return HttpResponse.json({ detail: 'down', error_code: 'INTERNAL_ERROR' }, { status: 502 })
      }),
    )
    const plinto = await signedIn()
    const user = plinto.auth.getCurrentUser()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await user).toMatchObject({ id: 'usr_1' })
    expect(gets).toBe(3)
    const change = failure(plinto.auth.changePassword({ current_password: 'a', new_password: 'b' }))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await change).toMatchObject({ code: 'INTERNAL_ERROR', status: 502 })
    expect(posts).toBe(1)
  })

  it('honours Retry-After on 429, and gives up when it is too long', async () => {
    vi.useFakeTimers()
    const times: number[] = []
    let answer = (): Response => HttpResponse.json(makeUser())
    server.use(
      http.get(`${BASE}/auth/me`, () => {
        times.push(Date.now())
        return times.length === 1 ? errorResponse('7') : answer()
      }),
    )
    const errorResponse = (after: string) =>
      HttpResponse.json(
        { detail: 'slow', error_code: 'RATE_LIMITED', retry_after: Number(after) },
        { status: 429, headers: { 'Retry-After': after } },
      )
    const plinto = await signedIn()
    const user = plinto.auth.getCurrentUser()
    await vi.advanceTimersByTimeAsync(6_900)
    expect(times).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    expect(await user).toMatchObject({ id: 'usr_1' })
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(7_000)

    times.length = 0
    answer = () => errorResponse('3600')
    server.use(
      http.get(`${BASE}/auth/me`, () => {
        times.push(Date.now())
        return errorResponse('3600')
      }),
    )
    const limited = failure(plinto.auth.getCurrentUser())
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await limited).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 3600 })
    expect(times).toHaveLength(1)
  })
})

describe('retry budget', () => {
  it('gives a GET at most 2 ordinary retries, and still one refresh-and-retry after them', async () => {
    vi.useFakeTimers()
    let attempts = 0
    let refreshes = 0
    server.use(
      http.post(`${BASE}/auth/signin`, () =>
        HttpResponse.json({
          user: makeUser(),
          tokens: { access_token: 'at_1', refresh_token: 'rt_1', token_type: 'bearer', expires_in: 3600 },
        }),
      ),
      http.post(`${BASE}/auth/refresh`, () => {
        refreshes++
        return HttpResponse.json({
          access_token: 'at_2',
          refresh_token: 'rt_2',
          token_type: 'bearer',
          expires_in: 3600,
        })
      }),
      http.get(`${BASE}/auth/me`, ({ request }) => {
        attempts++
        if (attempts <= 2) return HttpResponse.error()
        return request.headers.get('authorization') === 'Bearer at_2'
          ? HttpResponse.json(makeUser())
          : HttpResponse.json({ detail: 'expired', error_code: 'TOKEN_EXPIRED' }, { status: 401 })
      }),
    )
    const plinto = client()
    await plinto.auth.signIn({ email: 'a@b.co', password: 'p' })
    const user = plinto.auth.getCurrentUser()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await user).toMatchObject({ id: 'usr_1' })
    expect(attempts).toBe(4)
    expect(refreshes).toBe(1)

    attempts = 0
    server.use(
      http.get(`${BASE}/auth/me`, () => {
        attempts++
        return HttpResponse.json({ detail: 'down', error_code: 'INTERNAL_ERROR' }, { status: 503 })
      }),
    )
    const failing = failure(plinto.auth.getCurrentUser())
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await failing).toMatchObject({ code: 'INTERNAL_ERROR', status: 503 })
    expect(attempts).toBe(3)
  })
})

describe('isPlintoError', () => {
  it('recognises errors from another copy of the SDK by brand and name', () => {
    const foreign = Object.assign(new Error('x'), { name: 'PlintoError', code: 'NETWORK_ERROR' })
    Object.defineProperty(foreign, Symbol.for('plinto.error'), { value: true })
    expect(isPlintoError(foreign)).toBe(true)
    expect(isPlintoError(Object.assign(new Error('x'), { name: 'PlintoError' }))).toBe(false)
    expect(isPlintoError({ code: 'NETWORK_ERROR' })).toBe(false)
    expect(isPlintoError(null)).toBe(false)
  })
})
