import type { ErrorBody, FieldError, ServerErrorCode } from '@plinto/contract'

/**
 * HTTP statuses the server answers errors with.
 *
 * @example
 * ```ts
 * const status: ErrorStatus = 409
 * ```
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500

/**
 * A failure the client should see, with the contract's `error_code`. Throw it anywhere in a route; the
 * app's error handler turns it into the contract error body. Anything else thrown becomes a 500
 * `INTERNAL_ERROR` whose body says nothing about the cause.
 *
 * @example
 * ```ts
 * throw new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists')
 * throw new ApiError(422, 'VALIDATION_ERROR', 'Invalid request body', {
 *   errors: [{ field: 'email', message: 'Required' }],
 * })
 * ```
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: ErrorStatus
  readonly code: ServerErrorCode
  readonly errors: FieldError[] | undefined
  readonly retryAfter: number | undefined
  /** With `REAUTH_REQUIRED`: the ways the account can re-authenticate (the body's `methods`). */
  readonly methods: string[] | undefined

  constructor(
    status: ErrorStatus,
    code: ServerErrorCode,
    detail: string,
    extra: { errors?: FieldError[]; retryAfter?: number; methods?: string[] } = {},
  ) {
    super(detail)
    this.status = status
    this.code = code
    this.errors = extra.errors
    this.retryAfter = extra.retryAfter
    this.methods = extra.methods
  }
}

/**
 * Builds the contract error body for an {@link ApiError}.
 */
export function errorBody(error: ApiError, path: string, nowMs: number): ErrorBody {
  const body: ErrorBody = {
    detail: error.message,
    error_code: error.code,
    timestamp: new Date(nowMs).toISOString(),
    path,
  }
  if (error.errors) body.errors = error.errors
  if (error.retryAfter !== undefined) body.retry_after = error.retryAfter
  if (error.methods) body.methods = error.methods
  return body
}

/** Shorthands for the errors most routes throw. */
export const errors = {
  unauthorized: (detail = 'Authentication required') => new ApiError(401, 'UNAUTHORIZED', detail),
  tokenExpired: () => new ApiError(401, 'TOKEN_EXPIRED', 'Access token expired'),
  sessionRevoked: () => new ApiError(401, 'SESSION_REVOKED', 'This session has ended; sign in again'),
  invalidCredentials: () => new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials'),
  invalidRefreshToken: () => new ApiError(401, 'INVALID_REFRESH_TOKEN', 'Invalid or expired refresh token'),
  refreshTokenReused: () =>
    new ApiError(401, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been revoked'),
  invalidEmailCode: () => new ApiError(400, 'INVALID_EMAIL_CODE', 'That code is not right; check it and try again'),
  emailCodeExpired: () =>
    new ApiError(400, 'EMAIL_CODE_EXPIRED', 'This code has expired, was already used, or was replaced; send a new one'),
  emailCodeAttemptsExceeded: () =>
    new ApiError(400, 'EMAIL_CODE_ATTEMPTS_EXCEEDED', 'Too many wrong codes; send a new one'),
  emailCodesDisabled: () => new ApiError(403, 'EMAIL_CODES_DISABLED', 'This server does not offer email codes'),
  invalidToken: () => new ApiError(400, 'INVALID_TOKEN', 'This link is invalid, was already used, or has expired'),
  notFound: (detail = 'Not found') => new ApiError(404, 'NOT_FOUND', detail),
  validation: (detail: string, fieldErrors: FieldError[], status: 400 | 422 = 422) =>
    new ApiError(status, 'VALIDATION_ERROR', detail, { errors: fieldErrors }),
}
