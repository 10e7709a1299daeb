import { equalsHex, toHex } from './hex'

// The one implementation of the contract's webhook signature (CONTRACT.md § Webhooks), used by the
// reference server to sign deliveries and by the SDK's `verifyWebhookSignature` to check them. Callers
// validate their own inputs and raise their own error types; this module only does the maths.

/**
 * The header a Plinto server puts the webhook signature in. Lower case, so it works both with Fetch
 * `Headers` (case-insensitive) and with Node's `req.headers` object (whose keys are lower-cased).
 *
 * @example
 * ```ts
 * import { WEBHOOK_SIGNATURE_HEADER } from '@plinto/typescript-sdk/server'
 * const signature = request.headers.get(WEBHOOK_SIGNATURE_HEADER)
 * ```
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-plinto-signature'

const encoder = new TextEncoder()

/**
 * The signature of `payload` keyed with `secret`: lower-case hex HMAC-SHA256 of the raw body bytes. The
 * secret's UTF-8 bytes are the key (no base64 decoding of `whsec_…`).
 *
 * @example
 * ```ts
 * import { WEBHOOK_SIGNATURE_HEADER, webhookSignature } from '@plinto/contract/webhooks'
 * const body = JSON.stringify(event)
 * headers.set(WEBHOOK_SIGNATURE_HEADER, await webhookSignature(body, 'whsec_…'))
 * ```
 */
export async function webhookSignature(payload: string | Uint8Array<ArrayBuffer>, secret: string): Promise<string> {
  return toHex(await webhookHmac(payload, secret))
}

/**
 * Whether `signature` (hex, either letter case) is the signature of `payload`, compared in constant time
 * whatever the candidate's length or content.
 *
 * @example
 * ```ts
 * import { isWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@plinto/contract/webhooks'
 * const body = await request.text() // the raw bytes, before any JSON parsing
 * const ok = await isWebhookSignature(body, request.headers.get(WEBHOOK_SIGNATURE_HEADER) ?? '', secret)
 * ```
 */
export async function isWebhookSignature(
  payload: string | Uint8Array<ArrayBuffer>,
  signature: string,
  secret: string,
): Promise<boolean> {
  return equalsHex(await webhookHmac(payload, secret), signature)
}

async function webhookHmac(payload: string | Uint8Array<ArrayBuffer>, secret: string): Promise<Uint8Array> {
  const data = typeof payload === 'string' ? encoder.encode(payload) : payload
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data))
}
