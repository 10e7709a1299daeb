import ky, { HTTPError, isHTTPError, isTimeoutError, type KyInstance } from 'ky'
import type { ResolvedConfig } from './config'
import { errorFromResponse, parseErrorBody, parseRetryAfter } from './error-mapping'
import { isPlintoError, PlintoError } from './errors'

/** A zod/mini schema, reduced to what we call on it (keeps this file independent of zod's generics). */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown }
}

/** One API call. */
export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  json?: unknown
  /** Validates a 2xx body; `null` for endpoints that answer without one (204). */
  schema: ResponseSchema<T> | null
  /**
   * Attach the session's bearer token and, on a 401, refresh once and retry once. Default `true`.
   * Public endpoints (sign-in, refresh, forgot-password…) pass `false`: their 401 means wrong credentials,
   * not an expired access token.
   */
  auth?: boolean
  /** A bearer token to send instead of the session's (e.g. the one a refresh just returned). */
  bearer?: string
}

/** What the HTTP layer needs from the session, wired after both exist (they depend on each other). */
export interface HttpAuth {
  /** Settles when the stored session has been read; authenticated calls made before wait for it. */
  ready(): Promise<void>
  accessToken(): string | null
  /** Called with the token a request was refused with; resolves the token to retry with, or `null`. */
  recover(rejectedToken: string): Promise<string | null>
}

/** The SDK's HTTP client: ky with the Plinto hooks. Modules call `request`. */
export interface Http {
  request<T>(path: string, options: RequestOptions<T>): Promise<T>
}

interface CallContext {
  auth: boolean
  bearer: string | undefined
  recovered?: boolean
}

// Retries only where repeating cannot do harm twice. POST is never retried automatically; the only
// POST that is repeated is the one refused with a 401, after a refresh, because it never ran.
const RETRY_METHODS: ('get' | 'put' | 'delete' | 'head' | 'options')[] = ['get', 'put', 'delete', 'head', 'options']
/** A Retry-After longer than this is handed back to the caller as RATE_LIMITED instead of waited out. */
const MAX_RETRY_AFTER_MS = 30_000
const BEARER = /^Bearer (.+)$/

/**
 * Whether a 401 is about the access token (so a refresh can help) rather than about what was sent
 * (`INVALID_CREDENTIALS` for a wrong current password, `INVALID_MFA_CODE`…). No code: assume the token.
 */
async function isTokenProblem(response: Response): Promise<boolean> {
  let code: string | undefined
  try {
    code = parseErrorBody(await response.json()).code?.toUpperCase()
  } catch {
    return true
  }
  return code === undefined || code === 'UNAUTHORIZED' || code === 'TOKEN_EXPIRED' || code === 'SESSION_REVOKED'
}

/** Maps whatever ky threw into a PlintoError; HTTP errors were already mapped by the beforeError hook. */
function toPlintoError(error: unknown): PlintoError {
  if (isPlintoError(error)) return error
  if (isHTTPError(error)) {
    const mapped = (error as HTTPError & { plinto?: PlintoError }).plinto
    if (mapped) return mapped
  }
  if (isTimeoutError(error)) return new PlintoError('TIMEOUT', 'The request timed out', { retryable: true, cause: error })
  return new PlintoError('NETWORK_ERROR', 'Could not reach the Plinto API', { retryable: true, cause: error })
}

/**
 * Builds the ky instance. Everything cross-cutting is a ky hook: the bearer header (beforeRequest),
 * 401 → refresh → retry (afterResponse returning `ky.retry`), and error bodies → PlintoError (beforeError).
 */
export function createHttp(config: ResolvedConfig, auth: HttpAuth, log: (...args: unknown[]) => void): Http {
  const cookieTransport = config.storage.type === 'cookie'
  const api: KyInstance = ky.create({
    prefixUrl: config.baseUrl,
    timeout: config.timeout,
    ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
    headers: cookieTransport ? { 'x-plinto-token-transport': 'cookie' } : {},
    retry: {
      // 2 ordinary retries (capped in shouldRetry) + room for the one forced 401 retry, which counts too.
      limit: 3,
      methods: RETRY_METHODS,
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      backoffLimit: 5_000,
      jitter: true,
      shouldRetry: ({ error, retryCount }) => {
        // Errors raised by our own hooks (a failed refresh) are final for this request.
        if (isPlintoError(error) || retryCount > 2) return false
        if (isHTTPError(error)) {
          const wait = parseRetryAfter(error.response.headers.get('retry-after'))
          if (wait !== undefined && wait * 1000 > MAX_RETRY_AFTER_MS) return false
        }
        return undefined
      },
    },
    hooks: {
      beforeRequest: [
        async (request, options) => {
          const context = options.context as unknown as CallContext
          if (request.headers.has('authorization')) return
          // A call made while the stored session is still being read must not go out anonymous.
          if (context.auth && !context.bearer) await auth.ready()
          const token = context.bearer ?? (context.auth ? auth.accessToken() : null)
          if (token) request.headers.set('authorization', `Bearer ${token}`)
        },
      ],
      afterResponse: [
        async (request, options, response) => {
          const requestId = response.headers.get('x-request-id')
          log(request.method, new URL(request.url).pathname, '→', response.status, requestId ? `(${requestId})` : '')
          const context = options.context as unknown as CallContext
          if (response.status !== 401 || !context.auth || context.recovered) return
          const sent = BEARER.exec(request.headers.get('authorization') ?? '')?.[1]
          if (!sent || !(await isTokenProblem(response))) return
          context.recovered = true
          const token = await auth.recover(sent)
          if (!token) return
          // Copy, then set: `new Request(request, { headers })` drops headers under some fetch interceptors.
          const retry = new Request(request)
          retry.headers.set('authorization', `Bearer ${token}`)
          return ky.retry({ request: retry, delay: 0, code: 'TOKEN_REFRESHED' })
        },
      ],
      beforeError: [
        async (error) => {
          ;(error as HTTPError & { plinto?: PlintoError }).plinto = await errorFromResponse(error.response)
          return error
        },
      ],
    },
  })

  return {
    async request<T>(path: string, { method = 'GET', json, schema, auth: withAuth = true, bearer }: RequestOptions<T>): Promise<T> {
      let response: Response
      try {
        response = await api(path, {
          method,
          ...(json === undefined ? {} : { json }),
          context: { auth: withAuth, bearer } satisfies CallContext as unknown as Record<string, unknown>,
        })
      } catch (error) {
        throw toPlintoError(error)
      }
      const requestId = response.headers.get('x-request-id') ?? undefined
      const invalid = (detail: string, cause?: unknown) =>
        new PlintoError('INVALID_RESPONSE', `Unexpected response from ${method} /${path}: ${detail}`, {
          status: response.status,
          ...(requestId === undefined ? {} : { requestId }),
          cause,
        })
      let text: string
      try {
        text = await response.text()
      } catch (cause) {
        throw new PlintoError('NETWORK_ERROR', 'The connection dropped while reading the response', { retryable: true, cause })
      }
      if (schema === null) return undefined as T
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch (cause) {
        throw invalid('the body is not JSON', cause)
      }
      const result = schema.safeParse(body)
      if (!result.success) throw invalid('the body does not match the expected shape', result.error)
      return result.data
    },
  }
}
