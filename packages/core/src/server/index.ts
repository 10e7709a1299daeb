/**
 * `@plinto/typescript-sdk/server`: helpers for your backend. Verify the access tokens your front end sends
 * and the webhooks your Plinto server delivers. Web APIs only (`fetch`, WebCrypto), so the same code runs
 * on Node ≥ 20, Deno, Bun, Cloudflare Workers and other edge runtimes. This entry is separate from the
 * client (`@plinto/typescript-sdk`), so browser bundles never carry it, and it does not load the client.
 *
 * @example Protect an API route (any Fetch-API framework: Next.js route handlers, Hono, Remix, Workers)
 * ```ts
 * import { isPlintoError, verifyAccessToken } from '@plinto/typescript-sdk/server'
 *
 * export async function GET(request: Request) {
 *   const token = request.headers.get('authorization')?.replace(/^Bearer /i, '') ?? ''
 *   try {
 *     const { sub } = await verifyAccessToken(token, {
 *       apiUrl: process.env.PLINTO_API_URL!,
 *       issuer: 'plinto',
 *       audience: 'plinto',
 *     })
 *     return Response.json({ userId: sub })
 *   } catch (err) {
 *     if (isPlintoError(err) && (err.code === 'UNAUTHORIZED' || err.code === 'TOKEN_EXPIRED'))
 *       return new Response(null, { status: 401 })
 *     throw err // JWKS unreachable or options wrong: a 5xx, not the caller's fault
 *   }
 * }
 * ```
 *
 * @example Receive webhooks
 * ```ts
 * import { verifyWebhookSignature, WebhookVerificationError, WEBHOOK_SIGNATURE_HEADER } from '@plinto/typescript-sdk/server'
 *
 * export async function POST(request: Request) {
 *   try {
 *     const event = await verifyWebhookSignature(
 *       await request.text(),
 *       request.headers.get(WEBHOOK_SIGNATURE_HEADER),
 *       process.env.PLINTO_WEBHOOK_SECRET!,
 *     )
 *     console.log(event.id, event.event) // de-duplicate on event.id: delivery is at least once
 *     return new Response(null, { status: 204 })
 *   } catch (error) {
 *     if (error instanceof WebhookVerificationError) return new Response(error.code, { status: 401 })
 *     throw error
 *   }
 * }
 * ```
 *
 * @packageDocumentation
 */
export {
  verifyAccessToken,
  type AccessTokenClaims,
  type VerifyAccessTokenCommonOptions,
  type VerifyAccessTokenOptions,
} from './verify-access-token'
export {
  WEBHOOK_SIGNATURE_HEADER,
  signWebhookPayload,
  verifyWebhookSignature,
  WebhookVerificationError,
  type VerifyWebhookOptions,
  type WebhookEvent,
  type WebhookEventData,
  type WebhookEventName,
  type WebhookPayload,
  type WebhookVerificationErrorCode,
} from './verify-webhook-signature'
// Authorization by the token's organization role: `createHas(claims.org_role)({ role: 'admin' })`.
export { createHas, roleAtLeast, type AuthorizationCheck, type Has } from '@plinto/contract'
// Re-exported so a backend can handle failures without importing the client entry.
export { PlintoError, isPlintoError, type PlintoErrorCode } from '../errors'
