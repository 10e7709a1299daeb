import { isKnownErrorCode, PlintoError, type PlintoErrorCode, type RateLimitInfo } from './errors'
import { isObject } from './internal/guards'
import type { FieldError } from '@plinto/contract'

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

// Codes for statuses whose body names none we know. 409 and unlisted 4xx become `VALIDATION_ERROR`
// ("the request was refused as sent"): the union has no generic conflict code, and inventing one would
// break `switch` exhaustiveness for users.
const CODE_BY_STATUS: Partial<Record<number, PlintoErrorCode>> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
}

/** The code a response gets when its body names none we know. */
export const codeFromStatus = (status: number): PlintoErrorCode =>
  CODE_BY_STATUS[status] ?? (status >= 400 && status < 500 ? 'VALIDATION_ERROR' : 'INTERNAL_ERROR')

/** A body as JSON; `undefined` when it is empty or not JSON (an HTML error page from a proxy). */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

function readFields(list: unknown): FieldError[] {
  if (!Array.isArray(list)) return []
  const fields: FieldError[] = []
  for (const item of list) {
    if (!isObject(item)) continue
    // Contract shape `{field, message}`; FastAPI's native 422 shape `{loc: [...], msg}`.
    const loc = Array.isArray(item.loc) ? item.loc.filter((part) => part !== 'body') : undefined
    const field = str(item.field) ?? (loc && loc.length > 0 ? loc.map(String).join('.') : undefined)
    const message = str(item.message) ?? str(item.msg)
    if (message) fields.push({ field: field ?? '', message })
  }
  return fields
}

interface ParsedBody {
  code?: string
  message?: string
  fields: FieldError[]
  retryAfter?: number
  methods?: string[]
}

/** Reads the three error envelopes we meet in the wild into one shape. Never throws. */
export function parseErrorBody(body: unknown): ParsedBody {
  if (!isObject(body)) return { fields: [] }
  // FastAPI backend: {"error": {"code", "message", "details"}}
  if (isObject(body.error)) {
    const envelope = body.error
    return {
      code: str(envelope.code),
      message: str(envelope.message),
      fields: readFields(
        Array.isArray(envelope.details)
          ? envelope.details
          : isObject(envelope.details)
            ? envelope.details.errors
            : undefined,
      ),
    }
  }
  // Contract body {detail, error_code, errors, retry_after}; RFC 7807 {title, detail, status} (with
  // optional `code`/`errors` extension members); FastAPI's native {detail: [{loc, msg}]}.
  return {
    code: str(body.error_code) ?? str(body.code),
    message: str(body.detail) ?? str(body.title) ?? str(body.message),
    fields: readFields(body.errors ?? (Array.isArray(body.detail) ? body.detail : undefined)),
    // Number.isFinite is false for anything that is not a number.
    retryAfter: Number.isFinite(body.retry_after) ? (body.retry_after as number) : undefined,
    // With REAUTH_REQUIRED: the ways to re-authenticate (an empty list is an answer too: sign in again).
    methods: Array.isArray(body.methods) ? body.methods.filter((m): m is string => typeof m === 'string') : undefined,
  }
}

/** The `X-RateLimit-Limit`, `-Remaining` and `-Reset` headers, when all three are numbers. */
function rateLimitOf(headers: Headers): RateLimitInfo | undefined {
  const [limit, remaining, reset] = ['limit', 'remaining', 'reset'].map((name) => {
    const value = headers.get(`x-ratelimit-${name}`)
    return value === null || value.trim() === '' ? Number.NaN : Number(value)
  }) as [number, number, number]
  return [limit, remaining, reset].every(Number.isFinite) ? { limit, remaining, reset } : undefined
}

/**
 * Turns a non-2xx response and its body (already parsed by {@link parseJson}; `undefined` when it was not
 * JSON) into a {@link PlintoError}. A body in no known envelope still maps to a code from the status.
 */
export function errorFromResponse(response: Response, body: unknown): PlintoError {
  const parsed = parseErrorBody(body)
  const { status, headers } = response
  const normalised = parsed.code?.toUpperCase()
  return new PlintoError(
    isKnownErrorCode(normalised) ? normalised : codeFromStatus(status),
    parsed.message ?? (response.statusText || `Request failed with status ${status}`),
    {
      status,
      retryable: status === 408 || status === 429 || status >= 500,
      retryAfter: parsed.retryAfter ?? parseRetryAfter(headers.get('retry-after')),
      rateLimit: rateLimitOf(headers),
      requestId: headers.get('x-request-id') ?? undefined,
      fields: parsed.fields,
      methods: parsed.methods,
    },
  )
}
