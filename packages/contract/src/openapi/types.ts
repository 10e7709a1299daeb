import type { RequestSchemaName, ResponseSchemaName } from './schemas'

/**
 * An HTTP method of the contract, lower-case as OpenAPI writes it.
 *
 * @example
 * ```ts
 * const method: HttpMethod = 'post'
 * ```
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * A status the contract answers with the error body (CONTRACT.md § Errors). 503 is the readiness probe's.
 *
 * @example
 * ```ts
 * const status: ErrorStatusCode = 422
 * ```
 */
export type ErrorStatusCode = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500

/**
 * Where an endpoint is mounted: under the API base path (`/api/v1` by default), at the server root, or both.
 *
 * @example
 * ```ts
 * const mount: OperationMount = 'root-and-api' // GET /health and GET /api/v1/health
 * ```
 */
export type OperationMount = 'api' | 'root' | 'root-and-api'

/**
 * One answer of an endpoint besides the common error statuses: a success, a redirect, or a body of its own
 * (the readiness probe's 503).
 *
 * @example
 * ```ts
 * const created: SuccessResponseSpec = {
 *   description: 'Signed up and signed in',
 *   schema: 'AuthResponse',
 *   setsRefreshCookie: true,
 * }
 * ```
 */
export interface SuccessResponseSpec {
  description: string
  /** Name of the JSON body's schema; omitted for bodiless answers (204, 302) and for non-JSON ones. */
  schema?: ResponseSchemaName
  /** Defaults to `application/json` when `schema` is set. */
  contentType?: 'application/json' | 'text/html' | 'text/javascript'
  /** A 302 or 303 carries `Location`. */
  redirect?: boolean
  /** In cookie transport the refresh token comes back in the `plinto_refresh` cookie instead of the body. */
  setsRefreshCookie?: boolean
  /** Responses that carry tokens, secrets or backup codes send `Cache-Control: no-store`. */
  noStore?: boolean
}

/**
 * An endpoint of the contract as the OpenAPI generator reads it: one row of the endpoint table.
 *
 * @example
 * ```ts
 * const me: ContractOperation = {
 *   operationId: 'getCurrentUser',
 *   method: 'get',
 *   path: '/auth/me',
 *   mount: 'api',
 *   tag: 'Auth',
 *   summary: 'The signed-in user',
 *   auth: 'bearer',
 *   responses: { 200: { description: 'The user', schema: 'User' } },
 *   errors: [],
 * }
 * ```
 */
export interface ContractOperation {
  operationId: string
  method: HttpMethod
  /**
   * OpenAPI path template relative to the mount, e.g. `/sessions/{id}`. Path parameters are strings; an
   * operation with path or query parameters adds 422 (a parameter a store cannot keep, such as U+0000).
   */
  path: string
  mount: OperationMount
  tag: string
  summary: string
  description?: string
  /**
   * `bearer`: needs `Authorization: Bearer <access_token>` (adds 401). `refresh`: the refresh token in the
   * body or in the `plinto_refresh` cookie (adds 401).
   */
  auth?: 'bearer' | 'refresh'
  /** Only outside production mode (development and test). */
  devOnly?: boolean
  /** Honours `X-Plinto-Token-Transport: cookie` (CONTRACT.md § Refresh tokens). */
  tokenTransport?: boolean
  /** Query parameters, all strings. */
  query?: Record<string, { description: string; required?: boolean }>
  /** The request body; JSON bodies add 400 (malformed), 413 (too large) and 422 (schema) to `errors`. */
  body?: {
    schema: RequestSchemaName
    required?: boolean
    contentType?: 'application/json' | 'application/x-www-form-urlencoded'
  }
  responses: Partial<Record<200 | 201 | 202 | 204 | 302 | 303 | 503, SuccessResponseSpec>>
  /** Error statuses particular to this endpoint; 429 and 500 apply to every endpoint and are added. */
  errors: ErrorStatusCode[]
}
