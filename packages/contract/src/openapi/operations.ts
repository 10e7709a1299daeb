import { authOperations } from './auth'
import { healthOperations } from './health'
import { mfaOperations } from './mfa'
import { oauthOperations } from './oauth'
import { organizationOperations } from './organizations'
import { passkeyOperations } from './passkeys'
import { sessionOperations } from './sessions'
import type { ContractOperation } from './types'
import { userOperations } from './users'

/**
 * Every endpoint of the contract (docs/contract.md, CONTRACT.md § Endpoints), in the order the document
 * lists them. Each row names its request and response schemas; `createOpenApiDocument` renders them.
 *
 * @example
 * ```ts
 * import { contractOperations } from '@plinto/contract/openapi'
 * for (const op of contractOperations) console.log(op.method.toUpperCase(), op.path, op.summary)
 * ```
 */
export const contractOperations: readonly ContractOperation[] = [
  ...authOperations,
  ...sessionOperations,
  ...userOperations,
  ...organizationOperations,
  ...mfaOperations,
  ...passkeyOperations,
  ...oauthOperations,
  ...healthOperations,
]
