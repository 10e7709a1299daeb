/**
 * The zod/mini schemas of the Plinto wire contract. The SDK validates every response with them, the
 * reference server validates requests with them, and the TypeScript types of the API are inferred from them.
 *
 * They live in the workspace's private `@plinto/contract` package, which both this SDK and `@plinto/server`
 * bundle: this entry is their public face.
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
export * from '@plinto/contract'
