/**
 * The contract as an OpenAPI 3.1 document, generated from the zod/mini schemas of `@plinto/contract`. A
 * separate entry, so the SDK's bundle never includes the endpoint table or zod's JSON Schema output.
 *
 * @example
 * ```ts
 * import { createOpenApiDocument } from '@plinto/contract/openapi'
 * const doc = createOpenApiDocument({ apiBasePath: '/api/v1' })
 * ```
 *
 * @packageDocumentation
 */
export { createOpenApiDocument, type OpenApiDocument, type OpenApiDocumentOptions } from './document'
export { contractOperations } from './operations'
export { authOperations } from './auth'
export { sessionOperations } from './sessions'
export { userOperations } from './users'
export { organizationOperations } from './organizations'
export { mfaOperations } from './mfa'
export { passkeyOperations } from './passkeys'
export { oauthOperations } from './oauth'
export { healthOperations } from './health'
export { requestSchemas, responseSchemas, type RequestSchemaName, type ResponseSchemaName } from './schemas'
export type {
  ContractOperation,
  ErrorStatusCode,
  HttpMethod,
  OperationMount,
  SuccessResponseSpec,
} from './types'
