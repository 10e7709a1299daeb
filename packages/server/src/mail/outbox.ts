import type { OutboxMessage } from '@plinto/contract'
import { systemClock, type Clock } from '../clock'
import type { Mailer } from './mailer'

/**
 * A {@link Mailer} that records instead of sending; behind `GET /__dev/outbox` and `@plinto/testing`.
 *
 * @example
 * ```ts
 * const outbox: Outbox = createOutbox()
 * outbox.messages('ada@example.com').at(-1)?.link
 * ```
 */
export interface Outbox extends Mailer {
  /** Recorded messages, oldest first; only those to `to` (case-insensitive) when given. */
  messages(to?: string): OutboxMessage[]
  /** Forgets every recorded message. */
  clear(): void
}

/**
 * Creates a recording outbox. `send` records synchronously, before its promise settles, so a message is
 * visible as soon as the request that caused it has answered.
 *
 * @example
 * ```ts
 * const outbox = createOutbox()
 * const app = createPlintoApp({ mailer: outbox })
 * // … sign up ada@example.com
 * outbox.messages('ada@example.com')[0]?.link // "http://localhost:5173/verify-email?token=…"
 * ```
 */
export function createOutbox(options: { clock?: Clock; limit?: number } = {}): Outbox {
  const clock = options.clock ?? systemClock
  // Bounded so a long-running dev server does not grow without end.
  const limit = options.limit ?? 1000
  let recorded: OutboxMessage[] = []
  return {
    send(message) {
      recorded.push({ ...message, created_at: new Date(clock.now()).toISOString() })
      if (recorded.length > limit) recorded = recorded.slice(-limit)
      return Promise.resolve()
    },
    messages(to) {
      const wanted = to?.trim().toLowerCase()
      return recorded.filter((m) => wanted === undefined || m.to.toLowerCase() === wanted).map((m) => ({ ...m }))
    },
    clear() {
      recorded = []
    },
  }
}
