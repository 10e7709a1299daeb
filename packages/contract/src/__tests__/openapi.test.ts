import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { contractOperations, createOpenApiDocument } from '../openapi/index'

// Every endpoint of CONTRACT.md § Endpoints, § Health and § Development outbox, written out independently of
// the endpoint table, so a row missing from the table (or a path that drifted) fails here.
const CONTRACT_ENDPOINTS = [
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/signin',
  'POST /api/v1/auth/signout',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/organization/switch', // not in CONTRACT.md: docs/contract.md § Organization claims
  'POST /api/v1/auth/reauthenticate', // docs/contract.md § Re-authentication
  'POST /api/v1/auth/reauthenticate/passkey/options',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password/change',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/email/verify',
  'POST /api/v1/auth/email/resend',
  'POST /api/v1/auth/magic-link',
  'POST /api/v1/auth/magic-link/verify',
  'POST /api/v1/auth/email-code/send',
  'POST /api/v1/auth/email-code/verify',
  'GET /api/v1/sessions',
  'GET /api/v1/sessions/current',
  'DELETE /api/v1/sessions/{id}',
  'POST /api/v1/sessions/revoke-all',
  'PATCH /api/v1/users/me',
  'DELETE /api/v1/users/me',
  'GET /api/v1/users/me/identities',
  'DELETE /api/v1/users/me/identities/{id}',
  'POST /api/v1/users/me/phone',
  'POST /api/v1/users/me/phone/verify',
  'DELETE /api/v1/users/me/phone',
  'GET /api/v1/mfa/status',
  'POST /api/v1/mfa/totp/enable',
  'POST /api/v1/mfa/totp/verify',
  'POST /api/v1/mfa/totp/disable',
  'POST /api/v1/mfa/backup-codes/regenerate',
  'POST /api/v1/mfa/sms/enable',
  'POST /api/v1/mfa/sms/verify',
  'POST /api/v1/mfa/sms/disable',
  'POST /api/v1/mfa/challenge/send',
  'POST /api/v1/mfa/challenge',
  'POST /api/v1/passkeys/register/options',
  'POST /api/v1/passkeys/register/verify',
  'POST /api/v1/passkeys/authenticate/options',
  'POST /api/v1/passkeys/authenticate/verify',
  'GET /api/v1/passkeys',
  'PATCH /api/v1/passkeys/{id}',
  'DELETE /api/v1/passkeys/{id}',
  'GET /api/v1/oauth/providers',
  'POST /api/v1/oauth/{provider}/authorize',
  'GET /api/v1/oauth/{provider}/callback',
  'POST /api/v1/oauth/{provider}/callback',
  'POST /api/v1/oauth/{provider}/link',
  'POST /api/v1/oauth/{provider}/link/callback',
  'GET /api/v1/oauth/dev/consent',
  'POST /api/v1/oauth/dev/consent',
  'POST /api/v1/organizations',
  'GET /api/v1/organizations',
  'GET /api/v1/organizations/{id}',
  'PUT /api/v1/organizations/{id}',
  'DELETE /api/v1/organizations/{id}',
  'GET /api/v1/organizations/{id}/members',
  'POST /api/v1/organizations/{id}/members/invite',
  'GET /api/v1/organizations/{id}/invitations',
  'DELETE /api/v1/organizations/{id}/invitations/{invitationId}',
  'PUT /api/v1/organizations/{id}/members/{userId}/role',
  'DELETE /api/v1/organizations/{id}/members/{userId}',
  'POST /api/v1/invitations/accept',
  'GET /.well-known/jwks.json',
  'GET /health',
  'GET /health/liveness',
  'GET /health/readiness',
  'GET /api/v1/health',
  'GET /api/v1/health/liveness',
  'GET /api/v1/health/readiness',
  'GET /__dev/outbox',
]
const DOCUMENTATION_ENDPOINTS = [
  'GET /openapi.json',
  'GET /docs',
  'GET /docs/api-reference.js',
  'GET /redoc',
  'GET /redoc/redoc.standalone.js',
]

function endpoints(document: ReturnType<typeof createOpenApiDocument>): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  )
}

describe('the OpenAPI document', () => {
  const document = createOpenApiDocument()

  it('is a valid OpenAPI 3.1 document for an independent validator', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(document))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('lists every endpoint of the contract, and the documentation endpoints, and nothing else', () => {
    expect(endpoints(document).sort()).toEqual([...CONTRACT_ENDPOINTS, ...DOCUMENTATION_ENDPOINTS].sort())
  })

  it('gives every operation a unique id, a success answer and the error answers every endpoint has', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item)) as Array<{
      operationId: string
      responses: Record<string, unknown>
    }>
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length)
    for (const op of operations) {
      expect(
        Object.keys(op.responses).some((status) => /^[23]/.test(status)),
        op.operationId,
      ).toBe(true)
      expect(op.responses['429'], op.operationId).toEqual({ $ref: '#/components/responses/TooManyRequests' })
      expect(op.responses['500'], op.operationId).toEqual({ $ref: '#/components/responses/InternalError' })
    }
  })

  it('declares the bearer token on protected endpoints and the refresh cookie on refresh', () => {
    const me = document.paths['/api/v1/auth/me']?.get as { security: unknown; responses: Record<string, unknown> }
    expect(me.security).toEqual([{ bearerAuth: [] }])
    expect(me.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' })
    const refresh = document.paths['/api/v1/auth/refresh']?.post as { security: unknown } | undefined
    expect(refresh?.security).toEqual([{}, { refreshCookie: [] }])
    // The organization switch takes the refresh token like a refresh, and answers 403 to a non-member.
    const switchOrganization = document.paths['/api/v1/auth/organization/switch']?.post as
      | { security: unknown; responses: Record<string, unknown> }
      | undefined
    expect(switchOrganization?.security).toEqual([{}, { refreshCookie: [] }])
    expect(switchOrganization?.responses['403']).toBeDefined()
    expect(document.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      refreshCookie: { type: 'apiKey', in: 'cookie', name: 'plinto_refresh' },
    })
  })

  it('renders request bodies as zod input (open objects) and responses as zod output (closed objects)', () => {
    const { schemas } = document.components as {
      schemas: Record<string, { additionalProperties?: unknown; required?: string[] }>
    }
    expect(schemas.SignUpRequest?.additionalProperties).toBeUndefined()
    expect(schemas.SignUpRequest?.required).toEqual(['email', 'password'])
    expect(schemas.User?.additionalProperties).toBe(false)
    expect(schemas.AuthResponse).toMatchObject({ properties: { user: { $ref: '#/components/schemas/User' } } })
  })

  it('follows the server’s base path and leaves out the development endpoints on request', () => {
    const production = endpoints(createOpenApiDocument({ apiBasePath: '/v2', includeDevEndpoints: false }))
    expect(production).toContain('POST /v2/auth/signin')
    expect(production).toContain('GET /health')
    expect(production).toContain('GET /v2/health')
    expect(production.some((endpoint) => endpoint.includes('/__dev/') || endpoint.includes('/oauth/dev/'))).toBe(false)
    expect(endpoints(createOpenApiDocument({ apiBasePath: '' }))).toContain('GET /health')
  })

  it('has one row per endpoint in the table', () => {
    const rows = contractOperations.map((op) => `${op.method} ${op.path}`)
    expect(new Set(rows).size).toBe(rows.length)
  })

  it('is what docs/openapi.json holds (run `pnpm openapi` after changing a schema)', () => {
    const committed = readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8')
    expect(JSON.parse(committed)).toEqual(JSON.parse(JSON.stringify(document)))
  })
})
