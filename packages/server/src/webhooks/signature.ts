import { isWebhookSignature, webhookSignature } from '@plinto/contract/webhooks'

/**
 * The `X-Plinto-Signature` of a webhook body: lower-case hex HMAC-SHA256 of the raw body bytes, keyed
 * with the endpoint's secret (CONTRACT.md § Webhooks).
 *
 * @example
 * ```ts
 * const signature = await signWebhookPayload('{"event":"user.created",…}', 'whsec_…')
 * ```
 */
export async function signWebhookPayload(payload: string, secret: string): Promise<string> {
  return webhookSignature(payload, secret)
}

/**
 * Checks an `X-Plinto-Signature` against the raw body, in constant time. Receivers must verify the raw
 * bytes as received, before parsing: re-serialised JSON would not match.
 *
 * @example
 * ```ts
 * const ok = await verifyWebhookPayload(rawBody, request.headers.get('x-plinto-signature') ?? '', secret)
 * if (!ok) return new Response(null, { status: 401 })
 * ```
 */
export async function verifyWebhookPayload(payload: string, signature: string, secret: string): Promise<boolean> {
  return isWebhookSignature(payload, signature.trim(), secret)
}
