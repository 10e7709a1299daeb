import { toIso, type Clock } from '../clock'
import type { WebhookEndpoint } from '../config'
import type { Logger } from '../logger'
import { signWebhookPayload } from './signature'

/**
 * The events of CONTRACT.md § Webhooks.
 *
 * @example
 * ```ts
 * const event: WebhookEvent = 'organization.member.added'
 * ```
 */
export type WebhookEvent =
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'session.created'
  | 'session.revoked'
  | 'organization.created'
  | 'organization.member.added'
  | 'mfa.enabled'
  | 'mfa.disabled'

/**
 * The JSON body posted to every endpoint.
 *
 * @example
 * ```ts
 * const payload: WebhookPayload = { event: 'user.created', timestamp: '2030-01-01T00:00:00.000Z', data: { user } }
 * ```
 */
export interface WebhookPayload {
  event: WebhookEvent
  timestamp: string
  data: Record<string, unknown>
}

/**
 * Fire-and-forget delivery of events to the configured endpoints (`app.plinto.webhooks`).
 *
 * @example
 * ```ts
 * app.plinto.webhooks.emit('user.updated', { user: toWireUser(user) })
 * await app.plinto.webhooks.idle() // in tests: every delivery (and retry) has finished
 * ```
 */
export interface WebhookQueue {
  /** Queues one delivery per endpoint and returns at once; never throws. */
  emit(event: WebhookEvent, data: Record<string, unknown>): void
  /** Resolves when no delivery is pending, retries included. */
  idle(): Promise<void>
}

/** What {@link createWebhookQueue} needs. */
export interface WebhookQueueOptions {
  endpoints: readonly WebhookEndpoint[]
  /** Attempts per delivery (the first included), and the delay before the first retry; it doubles each time. */
  retry: { attempts: number; baseDelayMs: number }
  clock: Clock
  logger: Logger
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
  /** How long one attempt may take before it counts as failed, default 10 s. */
  timeoutMs?: number
}

/**
 * Creates the delivery queue. Each delivery is an independent task: a POST with the signed body; any
 * status outside 2xx, a network error or a timeout is retried after `baseDelayMs × 2^(attempt-1)` until
 * `attempts` is spent, then dropped with a log line (which names the event and endpoint host, never the
 * body). The body and its signature are computed once, so every retry carries identical bytes and the
 * receiver can de-duplicate on them.
 */
export function createWebhookQueue(options: WebhookQueueOptions): WebhookQueue {
  const { endpoints, retry, clock, logger } = options
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeoutMs = options.timeoutMs ?? 10_000
  const pending = new Set<Promise<void>>()

  const attempt = async (endpoint: WebhookEndpoint, body: string, signature: string): Promise<boolean> => {
    try {
      const response = await send(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-plinto-signature': signature,
          'user-agent': 'Plinto-Webhooks/1',
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      // The body is not needed; drain it so the connection can be reused.
      await response.body?.cancel()
      return response.ok
    } catch {
      return false
    }
  }

  const deliver = async (endpoint: WebhookEndpoint, event: WebhookEvent, body: string): Promise<void> => {
    const signature = await signWebhookPayload(body, endpoint.secret)
    for (let n = 1; n <= retry.attempts; n++) {
      if (await attempt(endpoint, body, signature)) return
      if (n < retry.attempts) await wait(retry.baseDelayMs * 2 ** (n - 1))
    }
    logger.warn('Webhook delivery failed', { event, host: new URL(endpoint.url).host, attempts: retry.attempts })
  }

  return {
    emit(event, data) {
      if (endpoints.length === 0) return
      const body = JSON.stringify({ event, timestamp: toIso(clock.now()), data } satisfies WebhookPayload)
      for (const endpoint of endpoints) {
        const task = deliver(endpoint, event, body).catch(() => undefined)
        pending.add(task)
        void task.finally(() => pending.delete(task))
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending])
    },
  }
}

// Backoff runs on real timers: deliveries happen after the request has answered, outside the clock that
// times tokens (tests make the delay small instead of moving a clock).
function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
