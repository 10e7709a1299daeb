import { toIso, type Clock } from '../clock'
import type { WebhookEndpoint } from '../config'
import { randomId } from '../crypto/random'
import type { Logger } from '../logger'
import type { OutboxRecord, PlintoStore } from '../store/types'
import { retryDelay } from './retry-delay'
import { signWebhookPayload } from './signature'
import type { WebhookEvent } from './webhook-events'

export type { WebhookEvent, WebhookPayload } from './webhook-events'

/**
 * Delivery of events to the configured endpoints (`app.plinto.webhooks`), from the durable outbox in the
 * store. Domain code records events with the change that caused them; this worker claims due deliveries
 * (with a lease, so one instance delivers each attempt however many share the store), posts them, and
 * deletes them on a 2xx, reschedules them with backoff, or turns them into dead letters.
 *
 * @example
 * ```ts
 * await app.plinto.webhooks.emit('user.updated', { user: toWireUser(user) })
 * await app.plinto.webhooks.idle() // in tests: every pending delivery (retries included) has finished
 * await app.plinto.webhooks.close() // on shutdown, before closing the store
 * ```
 */
export interface WebhookQueue {
  /**
   * Records an event on its own (not with a change; domain code uses `withWebhookEvents`), one delivery per
   * endpoint, and wakes the worker. Resolves once stored.
   */
  emit(event: WebhookEvent, data: Record<string, unknown>): Promise<void>
  /** The outbox records of one event (one per endpoint, one event id), for a transaction to enqueue. */
  deliveries(event: WebhookEvent, data: Record<string, unknown>): OutboxRecord[]
  /** Looks for due deliveries now rather than at the next poll (called after events were committed). */
  wake(): void
  /** Resolves when the store holds no pending delivery and no attempt is running here, retries included. */
  idle(): Promise<void>
  /**
   * Stops claiming and waits for the attempts in flight (each bounded by its timeout) to finish and be
   * recorded. Deliveries still pending stay in the store for the next start, or another instance.
   */
  close(): Promise<void>
}

/** What {@link createWebhookQueue} needs. */
export interface WebhookQueueOptions {
  endpoints: readonly WebhookEndpoint[]
  store: PlintoStore
  /** Attempts per delivery (the first included), and the delay before the first retry; it doubles each time. */
  retry: { attempts: number; baseDelayMs: number }
  /** Poll interval, attempt timeout and lease (see `webhookDelivery` in the config). */
  delivery: { pollIntervalMs: number; timeoutMs: number; leaseMs: number }
  /** Dates the body's `timestamp` (and `created_at`). */
  clock: Clock
  logger: Logger
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
}

/** Attempts one instance runs at once. */
const MAX_IN_FLIGHT = 8

/**
 * Creates the delivery worker. With no endpoint configured it records and delivers nothing. Otherwise it
 * looks for due deliveries at once (what an earlier run left pending), then every `pollIntervalMs`, and
 * whenever it is woken. Each attempt is a POST of `{ id, event, timestamp, data }` signed with the
 * endpoint's secret: `id` and `data` are the same on every attempt, `timestamp` is the attempt's (so it is
 * fresh for the receiver's replay check). A 2xx deletes the delivery; anything else (a status, a network
 * error, a timeout) reschedules it after {@link retryDelay} until `attempts` are spent, then makes it a
 * dead letter with a log line that names the event and endpoint host, never the body.
 *
 * Scheduling (due times, leases) is on the system clock, which every instance sharing the store agrees on;
 * `clock` only dates the bodies.
 */
export function createWebhookQueue(options: WebhookQueueOptions): WebhookQueue {
  const { endpoints, store, retry, delivery, clock, logger } = options
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const owner = randomId('whw')
  const inFlight = new Set<Promise<void>>()
  let pumping: Promise<void> | undefined
  let again = false
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let timerAt = Number.POSITIVE_INFINITY
  let storeFailing = false

  // One timer, set for the earliest moment something may be due (the next poll, or a retry this instance
  // scheduled). Unref'd: pending deliveries alone do not keep a process alive.
  const schedule = (delayMs: number) => {
    if (closed) return
    const at = Date.now() + delayMs
    if (timer !== undefined && timerAt <= at) return
    clearTimeout(timer)
    timerAt = at
    timer = setTimeout(() => {
      timer = undefined
      timerAt = Number.POSITIVE_INFINITY
      wake()
    }, delayMs)
    timer.unref?.()
  }

  const attempt = async (record: OutboxRecord): Promise<void> => {
    const endpoint = endpoints.find((candidate) => candidate.url === record.endpoint)
    const host = new URL(record.endpoint).host
    let error: string | undefined
    if (!endpoint) {
      error = 'endpoint no longer configured'
    } else {
      // `data` is spliced in as stored, so its bytes are the same on every attempt.
      const head = JSON.stringify({ id: record.event_id, event: record.event, timestamp: toIso(clock.now()) })
      const body = `${head.slice(0, -1)},"data":${record.data}}`
      error = await post(endpoint, body)
    }
    const now = Date.now()
    if (error === undefined) {
      await store.outbox.complete(record.id)
      return
    }
    const exhausted = !endpoint || record.attempts >= retry.attempts
    const next = exhausted ? null : now + retryDelay(record.attempts, retry.baseDelayMs)
    if (await store.outbox.fail(record.id, owner, now, next, error)) {
      if (next === null) {
        logger.warn('Webhook delivery failed; kept as a dead letter', {
          event: record.event,
          host,
          attempts: record.attempts,
          error,
        })
      } else {
        schedule(next - now)
      }
    }
  }

  // Undefined when the receiver answered 2xx; otherwise why not.
  const post = async (endpoint: WebhookEndpoint, body: string): Promise<string | undefined> => {
    try {
      const response = await send(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-plinto-signature': await signWebhookPayload(body, endpoint.secret),
          'user-agent': 'Plinto-Webhooks/1',
        },
        body,
        signal: AbortSignal.timeout(delivery.timeoutMs),
      })
      // The body is not needed; drain it so the connection can be reused.
      await response.body?.cancel()
      return response.ok ? undefined : `HTTP ${response.status}`
    } catch (error) {
      return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error'
    }
  }

  const start = (record: OutboxRecord) => {
    const task = attempt(record)
      .catch((error: unknown) => {
        // The store could not record the outcome: the lease runs out and the delivery is tried again.
        logger.error('Webhook outcome not recorded', { event: record.event, error: errorName(error) })
      })
      .finally(() => {
        inFlight.delete(task)
        wake()
      })
    inFlight.add(task)
  }

  // Claims what is due, as long as there are free slots and the store has more.
  const pump = async () => {
    while (!closed && inFlight.size < MAX_IN_FLIGHT) {
      const limit = MAX_IN_FLIGHT - inFlight.size
      const claimed = await store.outbox.claim({ owner, nowMs: Date.now(), leaseMs: delivery.leaseMs, limit })
      for (const record of claimed) start(record)
      if (claimed.length < limit) break
    }
  }

  function wake() {
    if (closed || endpoints.length === 0) return
    if (pumping) {
      again = true
      return
    }
    pumping = (async () => {
      do {
        again = false
        try {
          await pump()
          storeFailing = false
        } catch (error) {
          // Logged once per outage, not once per poll.
          if (!storeFailing) logger.error('Webhook outbox unavailable', { error: errorName(error) })
          storeFailing = true
          break
        }
      } while (again && !closed)
    })().finally(() => {
      pumping = undefined
      schedule(delivery.pollIntervalMs)
    })
  }

  // Whatever an earlier run (or a crashed instance) left due is picked up from the start.
  wake()

  const deliveries = (event: WebhookEvent, data: Record<string, unknown>): OutboxRecord[] => {
    const eventId = randomId('evt')
    const text = JSON.stringify(data)
    const now = Date.now()
    return endpoints.map(
      (endpoint): OutboxRecord => ({
        id: randomId('whd'),
        event_id: eventId,
        event,
        data: text,
        endpoint: endpoint.url,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: clock.now(),
        dead_at: null,
      }),
    )
  }

  return {
    async emit(event, data) {
      const records = deliveries(event, data)
      if (records.length === 0) return
      await store.outbox.enqueue(records)
      wake()
    },
    deliveries,
    wake,
    async idle() {
      if (endpoints.length === 0) return
      for (;;) {
        wake()
        while (pumping || inFlight.size > 0) await Promise.all([pumping, ...inFlight])
        if ((await store.outbox.countPending()) === 0 && !pumping && inFlight.size === 0) return
        // Pending but not running here: due later (backoff), or leased by another instance.
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    async close() {
      closed = true
      clearTimeout(timer)
      timer = undefined
      while (pumping || inFlight.size > 0) await Promise.all([pumping, ...inFlight])
    },
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
