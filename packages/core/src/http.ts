import type { ResolvedConfig } from './config'
import type { Log } from './debug'
import { errorFromResponse, parseErrorBody, parseJson } from './error-mapping'
import { PlintoError } from './errors'
import { backoffDelay } from './internal/backoff'
import { sleep } from './internal/sleep'
import { validators, type LazySchema, type Validators } from './validation'

/** A zod/mini schema, reduced to what we call on it (keeps this file independent of zod's generics). */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown }
}

/** One API call. */
export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  json?: unknown
  /**
   * Validates a 2xx body; `null` for endpoints that answer without one (204). The main chunk names a schema
   * of the validation chunk (`(v) => v.user`, see ./validation): the chunk is then downloaded alongside the
   * request, and the body is validated once both have arrived. The lazily loaded modules pass their schemas.
   */
  schema: ResponseSchema<T> | LazySchema<T> | null
  /**
   * Attach the session's bearer token and, on a 401, refresh once and retry once. Default `true`.
   * Public endpoints (sign-in, refresh, forgot-password…) pass `false`: their 401 means wrong credentials,
   * not an expired access token.
   */
  auth?: boolean
  /** A bearer token to send instead of the session's (e.g. the one a refresh just returned). */
  bearer?: string
  /**
   * Cancels the call: the attempt in flight and any retry wait. The call then rejects with the signal's
   * `reason` as it is (an `AbortError` by default), not with a `PlintoError`: the caller asked for it.
   */
  signal?: AbortSignal
}

/** What the HTTP layer needs from the session, wired after both exist (they depend on each other). */
export interface HttpAuth {
  /**
   * The token to send, once the stored session has been read (calls made before wait for it). A token
   * the client knows to be expired (or about to be) is refreshed first, single-flight, instead of being
   * sent to be refused. With `rejected`, the token a request was refused with (401): the token to retry
   * with (someone else's refresh, or one shared refresh), or `null`.
   */
  token(rejected?: string): Promise<string | null>
  /**
   * A request was refused with `REAUTH_REQUIRED`: the app's handler re-authenticating the person (the request is
   * then sent again, once), or `undefined` when the app has none (the error is the answer).
   */
  reauthenticate?(error: PlintoError): Promise<void> | undefined
}

/**
 * The SDK's HTTP client over `fetch`; modules call `request` (see "For module authors" in docs/core-client.md).
 */
export interface Http {
  request<T>(path: string, options: RequestOptions<T>): Promise<T>
}

// Retries only where repeating cannot do harm twice. POST is never retried automatically; the only
// POST that is repeated is the one refused with a 401, after a refresh, because it never ran.
const IDEMPOTENT_METHODS = ['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504]
/** Ordinary retries per call; the one 401 → refresh → retry comes on top. */
const MAX_RETRIES = 2
/** A longer Retry-After is handed back to the caller (as RATE_LIMITED on a 429) instead of waited out. */
const MAX_RETRY_AFTER_SECONDS = 30
const RETRY_BACKOFF = { baseMs: 300, capMs: 5_000 }
/** 401 codes that are about the access token, so a refresh can help. */
const TOKEN_PROBLEMS = ['UNAUTHORIZED', 'TOKEN_EXPIRED', 'SESSION_REVOKED']

/** One attempt's answer, body included: the body is read under the same timeout as the headers. */
interface Received {
  response: Response
  body: string
}

/**
 * Settles like `promise`, or rejects as soon as `signal` aborts: a custom `fetch` that ignores its
 * signal, or a body that stalls after the headers, must not hang the call past its timeout.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // biome-ignore lint/style/noNonNullAssertion: abort only runs when the signal exists (called or registered through `signal?.`); `?.` would cost main-chunk bytes
    const abort = () => reject(signal!.reason)
    if (signal?.aborted) abort()
    signal?.addEventListener('abort', abort)
    promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', abort))
  })
}

/**
 * Whether a 401 is about the access token (so a refresh can help) rather than about what was sent
 * (`INVALID_CREDENTIALS` for a wrong current password, `INVALID_MFA_CODE`…). No code: assume the token.
 */
function isTokenProblem(body: unknown): boolean {
  const code = parseErrorBody(body).code?.toUpperCase()
  return code === undefined || TOKEN_PROBLEMS.includes(code)
}

/** How long to wait before repeating a failed call, or `undefined` when `error` is its final answer. */
function retryDelay(method: string, error: PlintoError, retries: number): number | undefined {
  // A TIMEOUT is not repeated: the attempt may have run, and it already cost the caller `timeout` ms.
  const transient = error.code === 'NETWORK_ERROR' || RETRY_STATUSES.includes(error.status)
  if (
    !transient ||
    retries >= MAX_RETRIES ||
    !IDEMPOTENT_METHODS.includes(method) ||
    (error.retryAfter ?? 0) > MAX_RETRY_AFTER_SECONDS
  ) {
    return undefined
  }
  return backoffDelay(retries + 1, error.retryAfter, Math.random, RETRY_BACKOFF)
}

/**
 * Creates the HTTP client: `fetch` with a pipeline of small stages, in order — headers and auth, the
 * attempt (timeout covering the body, the caller's signal), 401 → refresh → one retry, error mapping,
 * the retry policy, and validation of the 2xx body with the endpoint's schema.
 */
export function createHttp(config: ResolvedConfig, auth: HttpAuth, log: Log): Http {
  // Called bare, never as `config.fetch(…)`: a browser's `fetch` throws "Illegal invocation" when it
  // runs as a method of another object. The default is looked up per call, so a `fetch` patched after
  // the client was built (test interceptors, instrumentation) is honoured.
  const send: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init))

  /**
   * One fetch and its body, under the per-attempt timeout and the caller's signal. A transport failure
   * comes back as a `PlintoError` for the retry policy to judge; only the caller's abort is thrown.
   */
  async function attempt(
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
  ): Promise<Received | PlintoError> {
    signal?.throwIfAborted()
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, config.timeout)
    // Forwarded by hand: AbortSignal.any() would do it, but Safari has it only since 17.4.
    const forwardAbort = () => controller.abort(signal?.reason)
    signal?.addEventListener('abort', forwardAbort)
    const fetchWithBody = async (): Promise<Received> => {
      const response = await send(url, { ...init, signal: controller.signal })
      // An error body that cannot be read still maps to a code from its status.
      const body = await response.text().catch((error: unknown) => {
        if (response.ok || controller.signal.aborted) throw error
        return ''
      })
      return { response, body }
    }
    try {
      return await untilAborted(fetchWithBody(), controller.signal)
    } catch (cause) {
      if (timedOut) return new PlintoError('TIMEOUT', 'The request timed out', { retryable: true, cause })
      if (signal?.aborted) throw signal.reason
      return new PlintoError('NETWORK_ERROR', 'Could not reach the Plinto API', { retryable: true, cause })
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', forwardAbort)
    }
  }

  return {
    async request<T>(
      path: string,
      { method = 'GET', json, schema, auth: withAuth = true, bearer, signal }: RequestOptions<T>,
    ): Promise<T> {
      let token = bearer ?? (withAuth ? await auth.token() : null)
      let retries = 0
      let recovered = false
      let reauthenticated = false
      for (;;) {
        // Stage 1: headers. Cookie mode asks for the refresh token in an HttpOnly cookie, on every call.
        const headers: Record<string, string> = {}
        if (config.storage.type === 'cookie') headers['x-plinto-token-transport'] = 'cookie'
        if (json !== undefined) headers['content-type'] = 'application/json'
        if (token) headers.authorization = `Bearer ${token}`
        // Stage 2: the attempt, and alongside it (not after it) the validation chunk when the schema is in it.
        // A failed chunk download (a retryable NETWORK_ERROR, ./validation) is the answer only to a 2xx: an
        // error response is still mapped, and the next attempt or call downloads the chunk again.
        const [outcome, loaded] = await Promise.all([
          attempt(
            config.baseUrl + path,
            {
              method,
              headers,
              body: json === undefined ? null : JSON.stringify(json),
              ...(config.credentials && { credentials: config.credentials }),
            },
            signal,
          ),
          typeof schema === 'function' && validators().catch((failed: PlintoError) => failed),
        ])
        let error = outcome as PlintoError
        if (!(outcome instanceof PlintoError)) {
          const { response, body } = outcome
          const { status } = response
          const requestId = response.headers.get('x-request-id') ?? undefined
          const parsed = parseJson(body)
          log(`${method} /${path} → ${status}`, requestId ?? '')
          // Stage 6: a 2xx body is validated against the endpoint's schema, never half-used.
          if (response.ok) {
            if (schema === null) return undefined as T
            if (loaded instanceof PlintoError) throw loaded
            const result =
              parsed === undefined
                ? undefined
                : (typeof schema === 'function' ? schema(loaded as Validators) : schema).safeParse(parsed)
            if (result?.success) return result.data
            const problem = result ? 'the body does not match the expected shape' : 'the body is not JSON'
            throw new PlintoError('INVALID_RESPONSE', `Unexpected response from ${method} /${path}: ${problem}`, {
              status,
              requestId,
              cause: result?.error,
            })
          }
          // Stage 3: 401 → refresh → one retry. A failed refresh rejects with its own error, which is this call's
          // answer too.
          if (status === 401 && withAuth && token && !recovered && isTokenProblem(parsed)) {
            recovered = true
            const next = await auth.token(token)
            if (next) {
              token = next
              continue
            }
          }
          // Stage 4: the error body → PlintoError.
          error = errorFromResponse(response, parsed)
          // Stage 4b: REAUTH_REQUIRED → the app's handler has the person re-authenticate → one retry. The refusal
          // came before the operation ran (docs/contract.md § Re-authentication), so a POST is safe to repeat.
          const reauthenticating = !reauthenticated && error.code === 'REAUTH_REQUIRED' && auth.reauthenticate?.(error)
          if (reauthenticating) {
            reauthenticated = true
            await untilAborted(reauthenticating, signal)
            token = bearer ?? (withAuth ? await auth.token() : null)
            continue
          }
        }
        // Stage 5: the retry policy.
        const wait = retryDelay(method, error, retries)
        if (wait === undefined) throw error
        retries++
        await untilAborted(sleep(wait), signal)
      }
    },
  }
}
