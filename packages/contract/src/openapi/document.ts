import * as z from 'zod/mini'
import { contractOperations } from './operations'
import { requestSchemas, responseSchemas } from './schemas'
import type { ContractOperation, ErrorStatusCode, SuccessResponseSpec } from './types'

/**
 * Options of {@link createOpenApiDocument}.
 *
 * @example
 * ```ts
 * const options: OpenApiDocumentOptions = { apiBasePath: '/api/v1', serverUrl: 'https://auth.example.com', includeDevEndpoints: false }
 * ```
 */
export interface OpenApiDocumentOptions {
  /** Where the API endpoints are mounted; the server's `apiBasePath`. Default `/api/v1`. */
  apiBasePath?: string
  /** `servers[0].url`. Default `/` (the origin the document was fetched from). */
  serverUrl?: string
  /** `info.version`. Default `1.0.0` (the contract's v1). */
  version?: string
  /** List the development-only endpoints (dev outbox, dev OAuth consent). Default `true`. */
  includeDevEndpoints?: boolean
}

/**
 * An OpenAPI 3.1 document as plain JSON.
 *
 * @example
 * ```ts
 * const doc: OpenApiDocument = createOpenApiDocument()
 * Object.keys(doc.paths).includes('/api/v1/auth/signin') // true
 * ```
 */
export interface OpenApiDocument {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  paths: Record<string, Record<string, unknown>>
  components: Record<string, Record<string, unknown>>
  [key: string]: unknown
}

/** How every error status of the contract is named among `components.responses`. */
const ERROR_RESPONSES: Record<ErrorStatusCode, { name: string; description: string }> = {
  400: {
    name: 'BadRequest',
    description:
      '`VALIDATION_ERROR` (malformed JSON, wrong Content-Type, not UTF-8), `WEAK_PASSWORD`, `INVALID_MFA_CODE`, `INVALID_PHONE_CODE`, `PHONE_CODE_EXPIRED`, `PHONE_CODE_ATTEMPTS_EXCEEDED`, `INVALID_TOKEN`, `PASSKEY_VERIFICATION_FAILED`, `OAUTH_ERROR`',
  },
  401: {
    name: 'Unauthorized',
    description:
      '`UNAUTHORIZED`, `TOKEN_EXPIRED`, `SESSION_REVOKED`, `INVALID_CREDENTIALS`, `INVALID_REFRESH_TOKEN`, `REFRESH_TOKEN_REUSED`',
  },
  403: {
    name: 'Forbidden',
    description: '`FORBIDDEN`; `REAUTH_REQUIRED` on sensitive operations, with `methods` (re-authenticate, then retry)',
  },
  404: { name: 'NotFound', description: '`NOT_FOUND`' },
  409: {
    name: 'Conflict',
    description: '`EMAIL_TAKEN`, `SLUG_TAKEN`, `IDENTITY_ALREADY_LINKED`, `LAST_SIGN_IN_METHOD`, or a state conflict',
  },
  413: { name: 'PayloadTooLarge', description: '`PAYLOAD_TOO_LARGE`: the body is over the server’s limit' },
  422: { name: 'UnprocessableEntity', description: '`VALIDATION_ERROR` with one `errors[]` entry per field' },
  429: {
    name: 'TooManyRequests',
    description: '`RATE_LIMITED`; `Retry-After` and `retry_after` say when to try again',
  },
  500: { name: 'InternalError', description: '`INTERNAL_ERROR`; the body says nothing about the cause' },
}

const TAGS = [
  'Auth',
  'Sessions',
  'Users',
  'Organizations',
  'MFA',
  'Passkeys',
  'OAuth',
  'Health',
  'Development',
  'Documentation',
]

const DESCRIPTION = `The Plinto wire contract (v1), generated from the zod schemas of \`@plinto/contract\`.

Every non-2xx answer carries the error body (\`ErrorBody\`). Any method and path this document does not list
answers 404 \`NOT_FOUND\` with that body (a wrong method on a listed path too), and a CORS preflight
(\`OPTIONS\` with \`Access-Control-Request-Method\`) answers 204 without a body on any path; the extension
\`x-plinto-unlisted-responses\` points at both. Every response carries \`X-Request-Id\`; with rate limiting on,
\`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` too.`

/**
 * Builds the OpenAPI 3.1 document of the contract from the zod/mini schemas that the SDK and the server
 * use, with zod's JSON Schema output (`io: 'input'` for request bodies, `'output'` for responses).
 *
 * @example
 * ```ts
 * import { createOpenApiDocument } from '@plinto/contract/openapi'
 * const doc = createOpenApiDocument({ apiBasePath: '/api/v1' })
 * await writeFile('openapi.json', JSON.stringify(doc, null, 2))
 * ```
 */
export function createOpenApiDocument(options: OpenApiDocumentOptions = {}): OpenApiDocument {
  const apiBasePath = (options.apiBasePath ?? '/api/v1').replace(/\/+$/, '')
  const operations = contractOperations.filter((op) => options.includeDevEndpoints !== false || !op.devOnly)
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of operations) {
    for (const [path, operationId] of mountedPaths(op, apiBasePath)) {
      paths[path] = { ...paths[path], [op.method]: renderOperation(op, operationId) }
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Plinto API', version: options.version ?? '1.0.0', description: DESCRIPTION },
    servers: [{ url: options.serverUrl ?? '/' }],
    tags: TAGS.map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...renderSchemas(responseSchemas, 'output'), ...renderSchemas(requestSchemas, 'input') },
      responses: renderErrorResponses(),
      headers: {
        RequestId: { description: 'The request’s id (echoed from the request when valid)', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } },
        SetRefreshCookie: {
          description:
            'In cookie transport: `plinto_refresh=…; Path={apiBasePath}/auth; HttpOnly; Secure; SameSite=Lax`',
          schema: { type: 'string' },
        },
        CacheControlNoStore: {
          description: '`no-store`: the body carries tokens or secrets',
          schema: { type: 'string' },
        },
        Location: { description: 'Where to go next', required: true, schema: { type: 'string' } },
      },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The access token (ES256, `typ: at+jwt`)',
        },
        refreshCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'plinto_refresh',
          description: 'The HttpOnly refresh-token cookie of the cookie transport (`X-Plinto-Token-Transport: cookie`)',
        },
      },
    },
    'x-plinto-unlisted-responses': {
      notFound: '#/components/responses/NotFound',
      corsPreflight: '#/components/responses/CorsPreflight',
    },
  }
}

function mountedPaths(op: ContractOperation, apiBasePath: string): Array<[string, string]> {
  const api: [string, string] = [`${apiBasePath}${op.path}`, op.operationId]
  if (op.mount === 'api') return [api]
  if (op.mount === 'root' || apiBasePath === '') return [[op.path, op.operationId]]
  return [
    [op.path, op.operationId],
    [`${apiBasePath}${op.path}`, `${op.operationId}UnderBasePath`],
  ]
}

function renderOperation(op: ContractOperation, operationId: string): Record<string, unknown> {
  const parameters: unknown[] = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  for (const [name, query] of Object.entries(op.query ?? {})) {
    parameters.push({
      name,
      in: 'query',
      required: query.required ?? false,
      description: query.description,
      schema: { type: 'string' },
    })
  }
  if (op.tokenTransport) {
    parameters.push({
      name: 'X-Plinto-Token-Transport',
      in: 'header',
      description: '`cookie`: the refresh token travels in the `plinto_refresh` cookie instead of the body',
      schema: { type: 'string', enum: ['cookie'] },
    })
  }
  const rendered: Record<string, unknown> = { operationId, tags: [op.tag], summary: op.summary }
  const description = [op.description, op.devOnly ? 'Development and test mode only.' : undefined]
    .filter(Boolean)
    .join(' ')
  if (description) rendered.description = description
  if (parameters.length > 0) rendered.parameters = parameters
  if (op.auth === 'bearer') rendered.security = [{ bearerAuth: [] }]
  if (op.auth === 'refresh') rendered.security = [{}, { refreshCookie: [] }]
  if (op.body) {
    const contentType = op.body.contentType ?? 'application/json'
    rendered.requestBody = {
      required: op.body.required ?? true,
      content: { [contentType]: { schema: schemaRef(op.body.schema) } },
    }
  }
  const responses: Record<string, unknown> = {}
  for (const [status, spec] of Object.entries(op.responses))
    responses[status] = renderResponse(spec as SuccessResponseSpec)
  for (const status of errorStatuses(op))
    responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` }
  rendered.responses = responses
  return rendered
}

function errorStatuses(op: ContractOperation): ErrorStatusCode[] {
  const statuses = new Set<ErrorStatusCode>(op.errors)
  if (op.body) for (const status of [400, 413, 422] as const) statuses.add(status)
  // Path and query parameters a store cannot keep (U+0000, a lone surrogate) are refused like a body field.
  if (op.query || op.path.includes('{')) statuses.add(422)
  if (op.auth) statuses.add(401)
  statuses.add(429)
  statuses.add(500)
  return [...statuses].sort((a, b) => a - b)
}

function renderResponse(spec: SuccessResponseSpec): Record<string, unknown> {
  const headers: Record<string, unknown> = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } }
  if (spec.redirect) headers.Location = { $ref: '#/components/headers/Location' }
  if (spec.setsRefreshCookie) headers['Set-Cookie'] = { $ref: '#/components/headers/SetRefreshCookie' }
  if (spec.noStore) headers['Cache-Control'] = { $ref: '#/components/headers/CacheControlNoStore' }
  const response: Record<string, unknown> = { description: spec.description, headers }
  if (spec.schema) response.content = { [spec.contentType ?? 'application/json']: { schema: schemaRef(spec.schema) } }
  else if (spec.contentType) response.content = { [spec.contentType]: { schema: { type: 'string' } } }
  return response
}

function renderErrorResponses(): Record<string, unknown> {
  const responses: Record<string, unknown> = {}
  for (const [status, { name, description }] of Object.entries(ERROR_RESPONSES)) {
    const headers: Record<string, unknown> = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } }
    if (status === '429') headers['Retry-After'] = { $ref: '#/components/headers/RetryAfter' }
    responses[name] = {
      description: `${status}: ${description}`,
      headers,
      content: { 'application/json': { schema: schemaRef('ErrorBody') } },
    }
  }
  responses.CorsPreflight = { description: 'CORS preflight: 204 without a body; CORS headers only for allowed origins' }
  return responses
}

function schemaRef(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` }
}

// One registry per direction, so shared parts (User inside AuthResponse) become `$ref`s between components.
function renderSchemas(schemas: Record<string, z.core.$ZodType>, io: 'input' | 'output'): Record<string, unknown> {
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id })
  const { schemas: rendered } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  })
  const components: Record<string, unknown> = {}
  for (const [id, schema] of Object.entries(rendered)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>
    components[id] = rest
  }
  return components
}
