import { isKnownErrorCode, PlintoError, type PlintoErrorCode } from './errors'
import type { FieldError } from './schemas/errors'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

/**
 * The code a response gets when its body names none we know. 409 and unlisted 4xx become
 * `VALIDATION_ERROR` ("the request was refused as sent"): the union has no generic conflict code, and
 * inventing one would break `switch` exhaustiveness for users.
 */
export function codeFromStatus(status: number): PlintoErrorCode {
  if (status === 401) return 'UNAUTHORIZED'
  if (status === 403) return 'FORBIDDEN'
  if (status === 404) return 'NOT_FOUND'
  if (status === 408) return 'TIMEOUT'
  if (status === 413) return 'PAYLOAD_TOO_LARGE'
  if (status === 429) return 'RATE_LIMITED'
  if (status >= 500 || status < 400) return 'INTERNAL_ERROR'
  return 'VALIDATION_ERROR'
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
      fields: readFields(Array.isArray(envelope.details) ? envelope.details : isObject(envelope.details) ? envelope.details.errors : undefined),
    }
  }
  // Contract body {detail, error_code, errors, retry_after}; RFC 7807 {title, detail, status} (with
  // optional `code`/`errors` extension members); FastAPI's native {detail: [{loc, msg}]}.
  const retryAfter = typeof body.retry_after === 'number' && Number.isFinite(body.retry_after) ? body.retry_after : undefined
  return {
    code: str(body.error_code) ?? str(body.code),
    message: str(body.detail) ?? str(body.title) ?? str(body.message),
    fields: readFields(body.errors ?? (Array.isArray(body.detail) ? body.detail : undefined)),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  }
}

/**
 * Turns a non-2xx response into a {@link PlintoError}. Reads the body once, as text, so a non-JSON body
 * (an HTML error page from a proxy) still maps to a code from the status.
 */
export async function errorFromResponse(response: Response): Promise<PlintoError> {
  let body: unknown
  try {
    const text = await response.text()
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  const parsed = parseErrorBody(body)
  const status = response.status
  const normalised = parsed.code?.toUpperCase()
  const code = isKnownErrorCode(normalised) ? normalised : codeFromStatus(status)
  const retryAfter = parsed.retryAfter ?? parseRetryAfter(response.headers.get('retry-after'))
  const requestId = response.headers.get('x-request-id') ?? undefined
  return new PlintoError(code, parsed.message ?? (response.statusText || `Request failed with status ${status}`), {
    status,
    retryable: status === 408 || status === 429 || status >= 500,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(requestId === undefined ? {} : { requestId }),
    fields: parsed.fields,
  })
}
