import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEvent,
  WebhookVerificationError,
} from '@plinto/typescript-sdk/server'
import { PayloadTooLargeError, readRawBody, sendError } from './http'

/** What a Plinto server POSTs to a webhook endpoint: `{ id, event, timestamp, data }`, `data` typed by `event`. */
export type PlintoWebhookEvent = WebhookEvent

export interface WebhookReceiverOptions {
  /** The endpoint's secret, as registered on the Plinto server (`--webhook-secret`). */
  secret: string | undefined
  /** Your handling. Throw to answer 500: the Plinto server retries the delivery with backoff. */
  onEvent(event: PlintoWebhookEvent): void | Promise<void>
  log(message: string): void
}

const MAX_BODY_BYTES = 1024 * 1024
/** How many event ids to remember: delivery is at least once, and a retry carries the same id. */
const REMEMBERED_EVENTS = 1000

/**
 * `POST /webhooks/plinto`: verifies the delivery over the raw bytes before anything else looks at the body
 * (`X-Plinto-Signature`, then that it is an event whose signed timestamp is recent), answers 401 to a forged,
 * changed or replayed delivery and 400 to a signed body that is not an event, handles each event id once
 * (retries carry the same id) and answers 204.
 */
export function createWebhookReceiver({ secret, onEvent, log }: WebhookReceiverOptions) {
  const seen = new Set<string>()

  return async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!secret) {
      // 503 rather than 404: the Plinto server retries, so nothing is lost once the secret is configured.
      return sendError(res, 503, 'WEBHOOKS_NOT_CONFIGURED', 'Set PLINTO_WEBHOOK_SECRET to receive webhooks')
    }
    let body: Buffer
    try {
      body = await readRawBody(req, MAX_BODY_BYTES)
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'Webhook body too large')
      throw error
    }
    let event: PlintoWebhookEvent
    try {
      event = await verifyWebhookSignature(body, req.headers[WEBHOOK_SIGNATURE_HEADER], secret)
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error
      if (error.code === 'INVALID_PAYLOAD')
        return sendError(res, 400, 'INVALID_PAYLOAD', 'Expected { id, event, timestamp, data }')
      log(`webhook refused: ${error.code}`)
      return sendError(res, 401, error.code, 'The webhook delivery could not be verified')
    }

    if (seen.has(event.id)) {
      log(`webhook ${event.event}: duplicate delivery of ${event.id}, already handled`)
      res.writeHead(204).end()
      return
    }
    await onEvent(event)
    seen.add(event.id)
    if (seen.size > REMEMBERED_EVENTS) {
      const oldest = seen.values().next().value
      if (oldest !== undefined) seen.delete(oldest)
    }
    res.writeHead(204).end()
  }
}
