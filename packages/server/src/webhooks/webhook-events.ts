// The events of CONTRACT.md § Webhooks as the server records them: domain code announces an event with
// the change that caused it, through `withWebhookEvents`, which puts both in one store transaction.
import type { WebhookEventName } from '@plinto/contract/webhooks'
import type { ServerContext } from '../server-context'
import type { StoreRepositories } from '../store/types'

/**
 * The events of CONTRACT.md § Webhooks.
 *
 * @example
 * ```ts
 * const event: WebhookEvent = 'organization.member.added'
 * ```
 */
export type WebhookEvent = WebhookEventName

/**
 * The JSON body posted to every endpoint: `id` is the event's, the same on every retry; `timestamp` is when
 * the attempt was signed.
 *
 * @example
 * ```ts
 * const payload: WebhookPayload = {
 *   id: 'evt_1',
 *   event: 'user.created',
 *   timestamp: '2030-01-01T00:00:00.000Z',
 *   data: { user },
 * }
 * ```
 */
export interface WebhookPayload {
  id: string
  event: WebhookEvent
  timestamp: string
  data: Record<string, unknown>
}

/** Collects the events of one change; they are recorded in the change's transaction. */
export interface WebhookEvents {
  add(event: WebhookEvent, data: Record<string, unknown>): void
}

/**
 * Runs `change` over the store's repositories in one transaction and records, in that same transaction, the
 * webhook deliveries of the events it adds — so an event is stored if and only if its change is (on
 * PostgreSQL; see `PlintoStore.transaction` for the memory and file stores). Once committed, the dispatcher
 * is woken to deliver them. Inside `change`, write only through `tx`. Without configured endpoints there is
 * nothing to record and `change` runs on the store directly.
 */
export async function withWebhookEvents<T>(
  context: ServerContext,
  change: (tx: StoreRepositories, events: WebhookEvents) => Promise<T>,
): Promise<T> {
  const { store, webhooks } = context
  if (context.config.webhooks.length === 0) return change(store, { add: () => undefined })
  const result = await store.transaction(async (tx) => {
    const added: [WebhookEvent, Record<string, unknown>][] = []
    const value = await change(tx, { add: (event, data) => void added.push([event, data]) })
    const deliveries = added.flatMap(([event, data]) => webhooks.deliveries(event, data))
    if (deliveries.length > 0) await tx.outbox.enqueue(deliveries)
    return value
  })
  webhooks.wake()
  return result
}
