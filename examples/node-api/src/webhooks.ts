import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@plinto/typescript-sdk/server'
import { PayloadTooLargeError, readRawBody, sendError } from './http'

/** What a Plinto server POSTs to a webhook endpoint. `data` depends on `event` (see docs/reference-server.md). */
export interface PlintoWebhookEvent {
  event: string
  timestamp: string
  data: Record<string, unknown>
}

export interface WebhookReceiverOptions {
  /** The endpoint's secret, as registered on the Plinto server (`--webhook-secret`). */
  secret: string | undefined
  /** Your handling. Throw to answer 500: the Plinto server retries the delivery with backoff. */
  onEvent(event: PlintoWebhookEvent): void | Promise<void>
  log(message: string): void
}

const MAX_BODY_BYTES = 1024 * 1024
/** How many delivery hashes to remember: retries of one delivery carry identical bytes. */
const REMEMBERED_DELIVERIES = 1000

function isWebhookEvent(value: unknown): value is PlintoWebhookEvent {
  const candidate = value as Partial<PlintoWebhookEvent> | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.event === 'string' &&
    typeof candidate.timestamp === 'string' &&
    typeof candidate.data === 'object' &&
    candidate.data !== null
  )
}

/**
 * `POST /webhooks/plinto`: checks `X-Plinto-Signature` over the raw bytes before anything else looks
 * at the body, answers 401 to anything not signed with our secret, handles each delivery once (retries
 * repeat the same bytes, so a hash of the body is the de-duplication key) and answers 204.
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
    if (!(await verifyWebhookSignature(body, req.headers[WEBHOOK_SIGNATURE_HEADER], secret))) {
      log('webhook refused: bad or missing signature')
      return sendError(res, 401, 'INVALID_SIGNATURE', 'The webhook signature does not match')
    }

    let payload: unknown
    try {
      payload = JSON.parse(body.toString('utf8'))
    } catch {
      payload = undefined
    }
    if (!isWebhookEvent(payload)) return sendError(res, 400, 'INVALID_PAYLOAD', 'Expected { event, timestamp, data }')

    const id = createHash('sha256').update(body).digest('hex')
    if (seen.has(id)) {
      log(`webhook ${payload.event}: duplicate delivery, already handled`)
      res.writeHead(204).end()
      return
    }
    await onEvent(payload)
    seen.add(id)
    if (seen.size > REMEMBERED_DELIVERIES) {
      const oldest = seen.values().next().value
      if (oldest !== undefined) seen.delete(oldest)
    }
    res.writeHead(204).end()
  }
}
