import { PlintoError } from '../errors'
import { isWebhookSignature, WEBHOOK_SIGNATURE_HEADER, webhookSignature } from '@plinto/contract/webhooks'

// The header's name is contract knowledge; it is documented where it is defined.
export { WEBHOOK_SIGNATURE_HEADER }

/**
 * A webhook body exactly as it arrived: the text, or its bytes (`Uint8Array`, Node's `Buffer`, any
 * `ArrayBufferView`, or an `ArrayBuffer`). Never the parsed JSON: re-serialising it changes the bytes.
 *
 * @example
 * ```ts
 * const payload: WebhookPayload = await request.text()
 * ```
 */
export type WebhookPayload = string | ArrayBuffer | ArrayBufferView

/**
 * Checks a webhook's `X-Plinto-Signature` header: the lower-case hex HMAC-SHA256 of the raw body, keyed
 * with your endpoint's webhook secret (CONTRACT.md § Webhooks). Uses WebCrypto, so it runs on Node ≥ 20,
 * Deno, Bun, Cloudflare Workers and other edge runtimes.
 *
 * `signature` is the header value as your framework hands it over: Fetch's `headers.get()` (`string | null`)
 * or Node's `req.headers[…]` (`string | string[] | undefined`; a repeated header is refused).
 *
 * Verify before parsing, with the body exactly as received. The comparison takes the same time whatever
 * the signature's length or content; hex digits are accepted in either case. Anything that is not the right
 * signature (missing header, wrong length, non-hex, another secret, a changed body) resolves to `false`:
 * request data never makes it throw. It rejects with a `CONFIG_ERROR` {@link PlintoError} only for a
 * mistake in your code: an empty or missing `secret`, or a payload that is not text or bytes (typically
 * a body that a JSON middleware has already parsed).
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@plinto/typescript-sdk/server'
 *
 * export async function POST(request: Request) {
 *   const body = await request.text()
 *   const ok = await verifyWebhookSignature(
 *     body,
 *     request.headers.get(WEBHOOK_SIGNATURE_HEADER),
 *     process.env.PLINTO_WEBHOOK_SECRET!,
 *   )
 *   if (!ok) return new Response('invalid signature', { status: 401 })
 *   const { event, data } = JSON.parse(body)
 *   // …handle event…
 *   return new Response(null, { status: 204 })
 * }
 * ```
 */
export async function verifyWebhookSignature(
  payload: WebhookPayload,
  signature: string | readonly string[] | null | undefined,
  secret: string,
): Promise<boolean> {
  // Both checks come first, so a misconfigured endpoint fails loudly on every delivery, not only on
  // deliveries that happen to carry a well-formed signature.
  const data = checkedInput(payload, secret, 'verifyWebhookSignature')
  // Node's req.headers gives string[] for a repeated header; that, like a missing header, is not a signature.
  if (typeof signature !== 'string') return false
  return isWebhookSignature(data, signature, secret)
}

/**
 * Computes the `X-Plinto-Signature` a Plinto server sends with `payload`: lower-case hex HMAC-SHA256 keyed
 * with `secret`. Meant for your tests: sign a fixture body and post it to your webhook handler, the way a
 * real delivery would arrive. Throws a `CONFIG_ERROR` {@link PlintoError} for an empty `secret` or a
 * payload that is not text or bytes.
 *
 * @example
 * ```ts
 * import { signWebhookPayload } from '@plinto/typescript-sdk/server'
 *
 * const body = JSON.stringify({
 *   event: 'user.created',
 *   timestamp: new Date().toISOString(),
 *   data: { user: { id: 'usr_1' } },
 * })
 * const response = await app.request('/webhooks/plinto', {
 *   method: 'POST',
 *   body,
 *   headers: {
 *     'content-type': 'application/json',
 *     'x-plinto-signature': await signWebhookPayload(body, 'whsec_test'),
 *   },
 * })
 * expect(response.status).toBe(204)
 * ```
 */
export async function signWebhookPayload(payload: WebhookPayload, secret: string): Promise<string> {
  return webhookSignature(checkedInput(payload, secret, 'signWebhookPayload'), secret)
}

const encoder = new TextEncoder()

// Refuses a mistake in the caller's code loudly (CONFIG_ERROR) before any signature maths, and hands the
// contract's signature functions the payload's bytes.
function checkedInput(payload: WebhookPayload, secret: string, caller: string): Uint8Array<ArrayBuffer> {
  if (typeof secret !== 'string' || secret === '') {
    throw new PlintoError(
      'CONFIG_ERROR',
      `${caller} needs the webhook endpoint's secret, got ${secret === '' ? 'an empty string' : typeof secret}`,
    )
  }
  const data = payloadBytes(payload)
  if (!data) {
    throw new PlintoError(
      'CONFIG_ERROR',
      `${caller} needs the raw request body (a string, Uint8Array or ArrayBuffer), got ${payload === null ? 'null' : typeof payload}; ` +
        'verify the body before any JSON parser touches it',
    )
  }
  return data
}

function payloadBytes(payload: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof payload === 'string') return encoder.encode(payload)
  if (isArrayBuffer(payload)) return new Uint8Array(payload)
  if (ArrayBuffer.isView(payload)) {
    const view = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)
    // WebCrypto refuses views of a SharedArrayBuffer; a copy is always backed by a plain ArrayBuffer.
    return isArrayBuffer(view.buffer) ? (view as Uint8Array<ArrayBuffer>) : view.slice()
  }
  return undefined
}

// The tag, not `instanceof`: a buffer made in another realm (a vm context, an iframe, a test environment)
// has another ArrayBuffer constructor.
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]'
}
