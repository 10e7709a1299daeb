import type { ContractOperation } from './types'

/**
 * Health probes, the JWKS, the development outbox and the API documentation itself (CONTRACT.md § Health,
 * § Access tokens, § Development outbox).
 *
 * @example
 * ```ts
 * import { healthOperations } from '@plinto/contract/openapi'
 * healthOperations.find((op) => op.operationId === 'getJwks')?.path // '/.well-known/jwks.json'
 * ```
 */
export const healthOperations: ContractOperation[] = [
  {
    operationId: 'getHealth',
    method: 'get',
    path: '/health',
    mount: 'root-and-api',
    tag: 'Health',
    summary: 'Version and mode',
    responses: { 200: { description: 'Healthy', schema: 'HealthResponse' } },
    errors: [],
  },
  {
    operationId: 'getLiveness',
    method: 'get',
    path: '/health/liveness',
    mount: 'root-and-api',
    tag: 'Health',
    summary: 'The process answers',
    responses: { 200: { description: 'Alive', schema: 'LivenessResponse' } },
    errors: [],
  },
  {
    operationId: 'getReadiness',
    method: 'get',
    path: '/health/readiness',
    mount: 'root-and-api',
    tag: 'Health',
    summary: 'The store answers',
    description:
      'An unavailable store is 503 with the contract error body (`INTERNAL_ERROR`) plus `status` and `checks`.',
    responses: {
      200: { description: 'Ready', schema: 'ReadinessResponse' },
      503: { description: 'Not ready', schema: 'ReadinessUnavailable' },
    },
    errors: [],
  },
  {
    operationId: 'getJwks',
    method: 'get',
    path: '/.well-known/jwks.json',
    mount: 'root',
    tag: 'Health',
    summary: 'Public keys of the access tokens (ES256), newest first; cached for 5 minutes',
    responses: { 200: { description: 'JSON Web Key Set', schema: 'Jwks' } },
    errors: [],
  },
  {
    operationId: 'getDevOutbox',
    method: 'get',
    path: '/__dev/outbox',
    mount: 'root',
    tag: 'Development',
    summary: 'What the server "sent" by email and SMS, newest last',
    devOnly: true,
    query: { to: { description: 'Only messages to this address (case-insensitive)' } },
    responses: { 200: { description: 'Messages', schema: 'OutboxResponse' } },
    errors: [],
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    mount: 'root',
    tag: 'Documentation',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1', schema: 'OpenApiDocument' } },
    errors: [],
  },
  {
    operationId: 'getApiReference',
    method: 'get',
    path: '/docs',
    mount: 'root',
    tag: 'Documentation',
    summary: 'Interactive API reference (Scalar)',
    responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
    errors: [404],
  },
  {
    operationId: 'getRedoc',
    method: 'get',
    path: '/redoc',
    mount: 'root',
    tag: 'Documentation',
    summary: 'API reference (ReDoc)',
    responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
    errors: [404],
  },
  {
    operationId: 'getApiReferenceScript',
    method: 'get',
    path: '/docs/api-reference.js',
    mount: 'root',
    tag: 'Documentation',
    summary: 'The Scalar viewer, served from the installed @scalar/api-reference package (no CDN)',
    responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
    errors: [404],
  },
  {
    operationId: 'getRedocScript',
    method: 'get',
    path: '/redoc/redoc.standalone.js',
    mount: 'root',
    tag: 'Documentation',
    summary: 'The ReDoc viewer, served from the installed redoc package (no CDN)',
    responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
    errors: [404],
  },
]
