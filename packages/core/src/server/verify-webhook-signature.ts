import { PlintoError } from '../errors'
import {
  isWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEvent,
  type WebhookEventData,
  type WebhookEventName,
  webhookSignature,
} from '@plinto/contract/webhooks'

// The header's name and the event types are contract knowledge; they are documented where they are defined.
export { WEBHOOK_SIGNATURE_HEADER, type WebhookEvent, type WebhookEventData, type WebhookEventName }

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
 * Why {@link verifyWebhookSignature} refused a delivery:
 * - `INVALID_SIGNATURE`: the `X-Plinto-Signature` header is missing, repeated, or not the signature of these
 *   bytes with this secret (a forged or changed body, another endpoint's secret);
 * - `TIMESTAMP_TOO_OLD` / `TIMESTAMP_IN_FUTURE`: correctly signed, but its `timestamp` is further from now
 *   than the tolerance (a replay of an old delivery, or a clock far off);
 * - `INVALID_PAYLOAD`: correctly signed, but not a webhook event `{ id, event, timestamp, data }`.
 *
 * @example
 * ```ts
 * const retryLater: WebhookVerificationErrorCode[] = ['TIMESTAMP_IN_FUTURE']
 * ```
 */
export type WebhookVerificationErrorCode =
  | 'INVALID_SIGNATURE'
  | 'TIMESTAMP_TOO_OLD'
  | 'TIMESTAMP_IN_FUTURE'
  | 'INVALID_PAYLOAD'

/**
 * The refusal of a delivery by {@link verifyWebhookSignature}: answer it with a 4xx. `code` says why. It is
 * not a {@link PlintoError}, which {@link verifyWebhookSignature} throws only for a mistake in your code.
 *
 * @example
 * ```ts
 * try {
 *   await verifyWebhookSignature(body, signature, secret)
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) return new Response(error.code, { status: 400 })
 *   throw error
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError'
  constructor(
    readonly code: WebhookVerificationErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Options of {@link verifyWebhookSignature}.
 *
 * @example
 * ```ts
 * const options: VerifyWebhookOptions = { toleranceSeconds: 60 }
 * ```
 */
export interface VerifyWebhookOptions {
  /** How far (seconds) the signed `timestamp` may be from now, in either direction. Default 300 (5 minutes). */
  toleranceSeconds?: number
  /** The current time in Unix milliseconds. Default `Date.now()`. */
  now?: number
}

/**
 * Verifies a webhook delivery and returns its event. Checks, in this order: the `X-Plinto-Signature` header
 * (the lower-case hex HMAC-SHA256 of the raw body keyed with your endpoint's secret, CONTRACT.md § Webhooks;
 * compared in constant time, hex in either case), that the body is an event `{ id, event, timestamp, data }`,
 * and that its signed `timestamp` is within `toleranceSeconds` of now (default 5 minutes), so a captured
 * delivery cannot be replayed later. A refusal rejects with a {@link WebhookVerificationError} whose `code`
 * says why; request data never causes anything else. Uses WebCrypto (Node ≥ 20, Deno, Bun, workers).
 *
 * `signature` is the header value as your framework hands it over: Fetch's `headers.get()` (`string | null`)
 * or Node's `req.headers[…]` (`string | string[] | undefined`; a repeated header is refused). Verify the body
 * exactly as received, before any JSON parser touches it.
 *
 * Delivery is at least once: a retry carries the same `id` (with a new `timestamp` and signature), so keep
 * the ids you have handled and skip repeats. It rejects with a `CONFIG_ERROR` {@link PlintoError} only for
 * a mistake in your code: an empty or missing `secret`, or a payload that is not text or bytes (typically a
 * body a JSON middleware has already parsed). A `toleranceSeconds` that is not a number ≥ 0 refuses every
 * delivery.
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature, WebhookVerificationError, WEBHOOK_SIGNATURE_HEADER } from '@plinto/typescript-sdk/server'
 *
 * export async function POST(request: Request) {
 *   let event
 *   try {
 *     event = await verifyWebhookSignature(
 *       await request.text(),
 *       request.headers.get(WEBHOOK_SIGNATURE_HEADER),
 *       process.env.PLINTO_WEBHOOK_SECRET!,
 *     )
 *   } catch (error) {
 *     if (error instanceof WebhookVerificationError) return new Response(error.code, { status: 401 })
 *     throw error
 *   }
 *   if (await alreadyHandled(event.id)) return new Response(null, { status: 204 })
 *   if (event.event === 'user.created') await welcome(event.data.user.email)
 *   return new Response(null, { status: 204 })
 * }
 * ```
 */
export async function verifyWebhookSignature(
  payload: WebhookPayload,
  signature: string | readonly string[] | null | undefined,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  // These checks come first, so a misconfigured endpoint fails loudly on every delivery, not only on
  // deliveries that happen to carry a well-formed signature.
  const data = checkedInput(payload, secret, 'verifyWebhookSignature')
  const tolerance = options.toleranceSeconds ?? 300
  // Node's req.headers gives string[] for a repeated header; that, like a missing header, is not a signature.
  if (typeof signature !== 'string' || !(await isWebhookSignature(data, signature, secret))) {
    throw new WebhookVerificationError('INVALID_SIGNATURE', 'Signature mismatch')
  }
  let event: Partial<WebhookEvent> | null = null
  try {
    event = JSON.parse(new TextDecoder().decode(data))
  } catch {}
  const at = Date.parse(event?.timestamp as string)
  if (
    typeof event?.id !== 'string' ||
    typeof event.event !== 'string' ||
    typeof event.data !== 'object' ||
    !event.data ||
    Number.isNaN(at)
  ) {
    throw new WebhookVerificationError('INVALID_PAYLOAD', 'Not a webhook event')
  }
  const age = (options.now ?? Date.now()) - at
  // Written so that a tolerance that is not a number >= 0 refuses every delivery rather than none.
  if (!(Math.abs(age) <= tolerance * 1000)) {
    throw new WebhookVerificationError(
      age > 0 ? 'TIMESTAMP_TOO_OLD' : 'TIMESTAMP_IN_FUTURE',
      `Timestamp beyond the ${tolerance} s tolerance`,
    )
  }
  return event as WebhookEvent
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
 *   id: 'evt_test_1',
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
