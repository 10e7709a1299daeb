import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveConfig, type PlintoConfig } from '../config'
import { isPlintoError, PlintoError } from '../errors'
import { createHttp, type HttpAuth, type ResponseSchema } from '../http'
import { PlintoClient } from '../index'
import { API, makeUser } from './helpers'

// What the HTTP engine does on its own (it replaced ky): timeouts that cover the body, the caller's
// AbortSignal, HTTP-date Retry-After, and the exact request a custom `fetch` receives. Driven through a
// custom `fetch` (a public option) so every request and its timing is visible.

afterEach(() => {
  vi.useRealTimers()
})

interface Sent {
  url: string
  init: RequestInit
}

/** A `fetch` that records what it is called with and answers from `answer`. */
function fakeFetch(answer: (call: number, sent: Sent) => Response | Promise<Response>) {
  const calls: (Sent & { at: number })[] = []
  const fetch = vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
    const sent = { url: String(url), init }
    calls.push({ ...sent, at: Date.now() })
    return answer(calls.length, sent)
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } })

const anonymous: HttpAuth = { token: async () => null }
const anything: ResponseSchema<unknown> = { safeParse: (data) => ({ success: true, data }) }

const engine = (options: Partial<PlintoConfig> & { fetch: typeof fetch }) =>
  createHttp(resolveConfig({ apiUrl: API, tokenStorage: { type: 'memory' }, ...options }), anonymous, () => undefined)

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

/** A body that sends nothing after the headers and ignores every abort signal. */
const stalledBody = () => new ReadableStream<Uint8Array>({ start() {} })

describe('the request a custom fetch receives', () => {
  it('is called bare with the URL, method, JSON body, bearer and cookie-transport headers and credentials', async () => {
    const { fetch, calls } = fakeFetch(() => json({ message: 'ok' }))
    const plinto = new PlintoClient({ apiUrl: API, tokenStorage: { type: 'cookie' }, fetch })
    await plinto.ready()
    await plinto.auth.forgotPassword({ email: 'ada@example.com' })
    const call = calls.find((c) => c.url.endsWith('/auth/password/forgot'))!
    expect(call.url).toBe(`${API}/api/v1/auth/password/forgot`)
    expect(call.init).toMatchObject({
      method: 'POST',
      credentials: 'include',
      body: JSON.stringify({ email: 'ada@example.com' }),
    })
    expect(call.init.headers).toEqual({ 'x-plinto-token-transport': 'cookie', 'content-type': 'application/json' })
    expect(call.init.signal).toBeInstanceOf(AbortSignal)
    // Never as a method of the config: a browser's own `fetch` throws "Illegal invocation" there.
    expect(vi.mocked(fetch).mock.contexts.every((self) => self === undefined)).toBe(true)
    plinto.dispose()
  })

  it('sends no body, no content type and no credentials option where there is none to send', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }))
    await expect(
      engine({ fetch }).request('auth/signout', { method: 'POST', schema: null, auth: false, bearer: 'at_1' }),
    ).resolves.toBeUndefined()
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: null, headers: { authorization: 'Bearer at_1' } })
    expect(calls[0]!.init).not.toHaveProperty('credentials')
  })
})

describe('timeouts', () => {
  it('covers the body: headers on time and then a stalled body is TIMEOUT, even from a fetch that ignores its signal', async () => {
    vi.useFakeTimers()
    const { fetch } = fakeFetch(() => new Response(stalledBody(), { status: 200 }))
    const pending = failure(engine({ fetch, timeout: 1_000 }).request('auth/me', { schema: anything, auth: false }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await pending).toMatchObject({ code: 'TIMEOUT', status: 0, retryable: true })
  })

  it('is not retried, even for a GET: the attempt may have run and already cost the caller its timeout', async () => {
    vi.useFakeTimers()
    const { fetch, calls } = fakeFetch(() => new Promise<Response>(() => undefined))
    const pending = failure(engine({ fetch, timeout: 500 }).request('auth/me', { schema: anything, auth: false }))
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await pending).toMatchObject({ code: 'TIMEOUT' })
    expect(calls).toHaveLength(1)
  })
})

describe('reading bodies', () => {
  const broken = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new TypeError('connection reset'))
      },
    })

  it('a 2xx body that breaks off is NETWORK_ERROR (and retried for a GET)', async () => {
    vi.useFakeTimers()
    const { fetch, calls } = fakeFetch((call) => (call === 1 ? new Response(broken()) : json(makeUser())))
    const user = engine({ fetch }).request('auth/me', { schema: anything, auth: false })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await user).toMatchObject({ id: 'usr_1' })
    expect(calls).toHaveLength(2)

    const post = failure(
      engine({ fetch: fakeFetch(() => new Response(broken())).fetch }).request('auth/signin', {
        method: 'POST',
        schema: anything,
        auth: false,
      }),
    )
    expect(await post).toMatchObject({ code: 'NETWORK_ERROR', status: 0, retryable: true })
  })

  it('an error body that breaks off still maps to a code from its status', async () => {
    const { fetch } = fakeFetch(() => new Response(broken(), { status: 404, headers: { 'x-request-id': 'req_9' } }))
    expect(await failure(engine({ fetch }).request('auth/me', { schema: anything, auth: false }))).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      requestId: 'req_9',
    })
  })
})

describe('Retry-After', () => {
  it('accepts an HTTP date and waits until then before retrying', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-06-01T12:00:00Z'))
    const { fetch, calls } = fakeFetch((call) =>
      call === 1
        ? json(
            { detail: 'busy', error_code: 'INTERNAL_ERROR' },
            { status: 503, headers: { 'retry-after': 'Mon, 01 Jun 2026 12:00:08 GMT' } },
          )
        : json(makeUser()),
    )
    const user = engine({ fetch }).request('auth/me', { schema: anything, auth: false })
    await vi.advanceTimersByTimeAsync(7_900)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    expect(await user).toMatchObject({ id: 'usr_1' })
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(8_000)
  })

  it('hands an HTTP date more than 30 s away back to the caller at once, as RATE_LIMITED with retryAfter', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-06-01T12:00:00Z'))
    const { fetch, calls } = fakeFetch(
      () =>
        new Response('Too Many Requests', { status: 429, headers: { 'retry-after': 'Mon, 01 Jun 2026 12:05:00 GMT' } }),
    )
    const limited = failure(engine({ fetch }).request('auth/me', { schema: anything, auth: false }))
    await vi.advanceTimersByTimeAsync(0)
    expect(await limited).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfter: 300, retryable: true })
    expect(calls).toHaveLength(1)
  })
})

describe("the caller's AbortSignal", () => {
  it('rejects with the abort reason, as it is, before any request when already aborted', async () => {
    const { fetch, calls } = fakeFetch(() => json({}))
    const controller = new AbortController()
    controller.abort()
    const error = await failure(
      engine({ fetch }).request('auth/me', { schema: anything, auth: false, signal: controller.signal }),
    )
    expect(error).toBe(controller.signal.reason)
    expect((error as DOMException).name).toBe('AbortError')
    expect(calls).toHaveLength(0)
  })

  it('aborts the attempt in flight (its signal too), and does not retry', async () => {
    const { fetch, calls } = fakeFetch(() => new Promise<Response>(() => undefined))
    const controller = new AbortController()
    const pending = failure(
      engine({ fetch }).request('auth/me', { schema: anything, auth: false, signal: controller.signal }),
    )
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    const reason = new Error('navigated away')
    controller.abort(reason)
    const error = await pending
    expect(error).toBe(reason)
    expect(isPlintoError(error)).toBe(false)
    expect(calls[0]!.init.signal!.aborted).toBe(true)
    expect(calls).toHaveLength(1)
  })

  it('ends a retry wait at once', async () => {
    vi.useFakeTimers()
    const { fetch, calls } = fakeFetch(() =>
      json({ detail: 'busy', error_code: 'INTERNAL_ERROR' }, { status: 503, headers: { 'retry-after': '20' } }),
    )
    const controller = new AbortController()
    const pending = failure(
      engine({ fetch }).request('auth/me', { schema: anything, auth: false, signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(1_000)
    controller.abort()
    expect(await pending).toBeInstanceOf(DOMException)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toHaveLength(1)
  })

  it('lets the per-attempt timeout apply as usual when the caller never aborts', async () => {
    vi.useFakeTimers()
    const { fetch } = fakeFetch(() => new Promise<Response>(() => undefined))
    const pending = failure(
      engine({ fetch, timeout: 300 }).request('auth/me', {
        schema: anything,
        auth: false,
        signal: new AbortController().signal,
      }),
    )
    await vi.advanceTimersByTimeAsync(300)
    const error = await pending
    expect(error).toBeInstanceOf(PlintoError)
    expect(error).toMatchObject({ code: 'TIMEOUT' })
  })
})
