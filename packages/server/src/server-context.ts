import { systemClock, type Clock } from './clock'
import { resolveConfig, type PlintoConfig, type PlintoConfigOverrides, type PlintoMode } from './config'
import { dummyHash } from './crypto/password'
import { generateSigningKey, loadKeyRing, type KeyRing, type SigningKeyRecord } from './crypto/signing-keys'
import { consoleLogger, type Logger } from './logger'
import type { Mailer, OutgoingMessage } from './mail/mailer'
import { createOutbox, type Outbox } from './mail/outbox'
import { createMemoryStore } from './store/memory/memory-store'
import { sweepStore, type SweepResult } from './store-sweep'
import type { PlintoStore, UserRecord } from './store/types'
import type { CreateOrganizationRequest, Organization } from '@plinto/contract'
import { createUser, type CreateUserInput } from './domain/accounts/users'
import { createOrganization } from './domain/organizations/organizations'
import { createWebhookQueue, type WebhookQueue } from './webhooks/webhook-queue'

/**
 * Options of {@link createPlintoApp} and {@link createServerContext}.
 *
 * @example
 * ```ts
 * const options: PlintoAppOptions = { mode: 'test', config: { accessTokenTtl: 60 } }
 * ```
 */
export interface PlintoAppOptions {
  /** Default `development`. `test` lowers hashing cost and disables rate limits; `production` hides /__dev. */
  mode?: PlintoMode
  /** Default: a fresh in-memory store. */
  store?: PlintoStore
  /**
   * Delivers email/SMS. In development and test every message is also recorded in the outbox. In
   * production without a mailer, messages are dropped with a warning that names no recipient or link.
   */
  mailer?: Mailer
  /** Default: `Date.now()`. */
  clock?: Clock
  /** Signing keys, newest first. Default: the store's keys; one is generated (and stored) if it has none. */
  keys?: SigningKeyRecord[]
  /** Default: the console. */
  logger?: Logger
  config?: PlintoConfigOverrides
  /** What webhook deliveries (and OAuth code exchanges) are sent with. Default: the global `fetch`. */
  fetch?: typeof fetch
}

/**
 * Everything a running app holds: configuration, store, mail, clock, keys. `createPlintoApp` exposes it as
 * `app.plinto`, so tests and `@plinto/testing` can read the outbox, move time or create users directly.
 *
 * @example
 * ```ts
 * const app = createPlintoApp({ mode: 'test' })
 * const user = await app.plinto.createUser({
 *   email: 'ada@example.com',
 *   password: 'correct horse battery',
 *   email_verified: true,
 * })
 * app.plinto.outbox?.messages('ada@example.com')
 * ```
 */
export interface ServerContext {
  readonly config: PlintoConfig
  readonly store: PlintoStore
  readonly clock: Clock
  readonly logger: Logger
  /** The recording outbox; present in development and test mode only. */
  readonly outbox: Outbox | undefined
  /**
   * Event delivery to the configured webhook endpoints from the store's outbox; `await webhooks.idle()` in
   * tests, `await webhooks.close()` before closing the store (`startServer`'s `close()` does it).
   */
  readonly webhooks: WebhookQueue
  /** The `fetch` outgoing calls use (webhooks, OAuth providers). */
  readonly fetch: typeof fetch
  /** The loaded signing keys (loaded, or generated and stored, on first use). */
  keys(): Promise<KeyRing>
  /**
   * Sweeps the store once as of `nowMs` (default: the clock's now) and answers what went: see
   * {@link sweepStore}. `startServer` calls it every `config.sweepIntervalSeconds`; call it yourself when you
   * serve the app another way, or in tests with a chosen time.
   */
  sweep(nowMs?: number): Promise<SweepResult>
  /**
   * Hands a message to the mailer without waiting for it: delivery time must not show in response time.
   * A failed delivery is logged with the message kind only.
   */
  send(message: OutgoingMessage): void
  /** Creates a user directly, applying the same rules as sign-up (password policy, unique email). */
  createUser(input: CreateUserInput): Promise<UserRecord>
  /**
   * Creates an organization owned by `owner`, as `POST /organizations` does (unique slug, the
   * `organization.created` webhook); answers it as the owner sees it.
   */
  createOrganization(owner: UserRecord, input: CreateOrganizationRequest): Promise<Organization>
}

/**
 * The former name of {@link ServerContext} (core and React have a `PlintoContext` of their own).
 *
 * @deprecated Use {@link ServerContext}; this alias goes in the next minor version.
 * @example
 * ```ts
 * const context: ServerContext = createPlintoApp({ mode: 'test' }).plinto
 * ```
 */
export type PlintoContext = ServerContext

/**
 * Builds the context an app runs on. `createPlintoApp` calls it; call it yourself only to share one
 * context between apps.
 *
 * @example
 * ```ts
 * const context = createServerContext({ mode: 'test' })
 * const app = createPlintoApp({ context })
 * ```
 */
export function createServerContext(options: PlintoAppOptions = {}): ServerContext {
  const mode = options.mode ?? 'development'
  const config = resolveConfig(mode, options.config)
  const clock = options.clock ?? systemClock
  const logger = options.logger ?? consoleLogger
  const store = options.store ?? createMemoryStore()
  const outbox = mode === 'production' ? undefined : createOutbox({ clock })
  const mailer = options.mailer
  if (mode === 'production' && !mailer) {
    logger.warn('No mailer configured: verification, reset and magic-link emails will not be delivered')
  }
  if (mode === 'production' && config.secretKey === undefined) {
    logger.warn('No secretKey configured: TOTP secrets are stored unencrypted')
  }
  const outgoingFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  // Made now rather than on the first unknown-account sign-in, which would otherwise take twice as long.
  void dummyHash(config.passwordHashIterations)

  let keyRing: Promise<KeyRing> | undefined
  const loadKeys = async (): Promise<KeyRing> => {
    if (options.keys) return loadKeyRing(options.keys)
    const stored = await store.signingKeys.list()
    if (stored.length > 0) return loadKeyRing(stored)
    // Atomic in the store: instances starting at once on an empty store all end up with the same first key.
    return loadKeyRing(await store.signingKeys.addIfNone(await generateSigningKey(clock.now())))
  }

  const context: ServerContext = {
    config,
    store,
    clock,
    logger,
    outbox,
    webhooks: createWebhookQueue({
      endpoints: config.webhooks,
      store,
      retry: config.webhookRetry,
      delivery: config.webhookDelivery,
      clock,
      logger,
      fetch: outgoingFetch,
    }),
    fetch: outgoingFetch,
    keys() {
      keyRing ??= loadKeys().catch((error: unknown) => {
        // Let the next request try again rather than caching a failure forever.
        keyRing = undefined
        throw error
      })
      return keyRing
    },
    send(message) {
      if (outbox) void outbox.send(message)
      if (mailer) {
        // Deferred so a mailer that throws synchronously is caught like one that rejects.
        Promise.resolve()
          .then(() => mailer.send(message))
          .catch((error: unknown) => {
            logger.error('Mailer failed', {
              channel: message.channel,
              subject: message.subject,
              error: errorName(error),
            })
          })
      } else if (!outbox) {
        logger.warn('Message dropped: no mailer configured', { channel: message.channel, subject: message.subject })
      }
    },
    sweep: (nowMs) => sweepStore(store, config, nowMs ?? clock.now()),
    createUser: (input) => createUser(context, input),
    createOrganization: (owner, input) => createOrganization(context, owner, input),
  }
  return context
}

/**
 * The former name of {@link createServerContext}.
 *
 * @deprecated Use {@link createServerContext}; this alias goes in the next minor version.
 * @example
 * ```ts
 * const app = createPlintoApp({ context: createServerContext({ mode: 'test' }) })
 * ```
 */
export const createPlintoContext: typeof createServerContext = createServerContext

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
