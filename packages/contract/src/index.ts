/**
 * The zod/mini schemas of the Plinto wire contract. The SDK validates every response with them, the
 * reference server validates requests with them, and the TypeScript types of the API are inferred from them.
 *
 * @example
 * ```ts
 * import { UserSchema } from '@plinto/typescript-sdk/schemas'
 * import * as z from 'zod/mini'
 * const user = z.parse(UserSchema, await res.json())
 * ```
 *
 * @packageDocumentation
 */
export * from './user'
export * from './tokens'
export * from './auth'
export * from './errors'
export * from './health'
export * from './sessions'
export * from './users'
export * from './organizations'
export * from './mfa'
export * from './passkeys'
export * from './reauthentication'
export * from './oauth'
export * from './access-token-claims'
export * from './organization-roles'
