import type { FieldError } from '@plinto/contract'
import { ApiError, errors } from '../errors'
import { refuseUnstorable, unstorableFields } from './storable-text'

/** The zod (or zod/mini) schema surface this module needs. */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } }
}
interface Issue {
  code: string
  path: readonly PropertyKey[]
  message: string
  expected?: string
  minimum?: number | bigint
  maximum?: number | bigint
  origin?: string
}

/**
 * Reads, size-checks, parses and validates a JSON request body.
 *
 * - More than `bodyLimitBytes` → 413 `PAYLOAD_TOO_LARGE`, decided by counting the bytes actually read, so
 *   a lying `Content-Length` or a chunked body cannot get past it.
 * - A non-empty body that is not `application/json`, or not valid JSON → 400 `VALIDATION_ERROR`.
 * - An empty body is read as `{}` (endpoints whose fields are all optional, such as cookie refresh).
 * - A string (or key) no store can keep, U+0000 or a lone surrogate → 422 `VALIDATION_ERROR` naming each such
 *   field, before the schema, so that it never reaches a store.
 * - Fails the schema → 422 `VALIDATION_ERROR` with one `errors[]` entry per field.
 *
 * Routes use it through the `jsonBody(schema)` middleware.
 */
export async function readJson<T>(request: Request, limit: number, schema: Schema<T>): Promise<T> {
  const text = await readBodyText(request, limit)
  let value: unknown = {}
  if (text.trim() !== '') {
    const type = request.headers.get('content-type') ?? ''
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      throw errors.validation(
        'Content-Type must be application/json',
        [{ field: 'body', message: 'Send a JSON body' }],
        400,
      )
    }
    try {
      value = JSON.parse(text)
    } catch {
      throw errors.validation('Request body is not valid JSON', [{ field: 'body', message: 'Malformed JSON' }], 400)
    }
  }
  refuseUnstorable(unstorableFields(value))
  const result = schema.safeParse(value)
  if (!result.success)
    throw errors.validation(
      'Invalid request body',
      result.error.issues.map((issue) => toFieldError(issue, value)),
    )
  return result.data
}

/**
 * Reads a body as text, refusing more than `limit` bytes. The declared length is checked first (cheap
 * early refusal), then the bytes are counted as they arrive.
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw errors.validation('Request body is not valid UTF-8', [{ field: 'body', message: 'Not UTF-8' }], 400)
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`)
}

// zod/mini ships no locale, so its messages are a bare "Invalid input"; say what is wrong instead.
function toFieldError(issue: Issue, body: unknown): FieldError {
  const field = issue.path.map(String).join('.') || 'body'
  return { field, message: describe(issue, valueAt(body, issue.path)) }
}

// zod does not report the offending input by default; look it up to tell "missing" from "wrong type".
function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current = body
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function describe(issue: Issue, input: unknown): string {
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'Required'
      return issue.expected ? `Expected ${issue.expected}` : 'Wrong type'
    case 'too_small':
      return `Must be at least ${String(issue.minimum)}${unit}`
    case 'too_big':
      return `Must be at most ${String(issue.maximum)}${unit}`
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'Invalid value'
  }
}
