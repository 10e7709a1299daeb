/**
 * `@plinto/server`: the reference implementation of the Plinto wire contract, as a Hono app on Web APIs.
 * Embed it (`createPlintoApp`), serve it on Node (`@plinto/server/node`), or run `plinto-server`.
 *
 * @example
 * ```ts
 * import { createPlintoApp } from '@plinto/server'
 * const app = createPlintoApp({ mode: 'development' })
 * export default { fetch: app.fetch } // any Fetch-API runtime
 * ```
 *
 * @packageDocumentation
 */
export { createPlintoApp, type PlintoApp } from './app'
export {
  createServerContext,
  createPlintoContext,
  type PlintoAppOptions,
  type ServerContext,
  type PlintoContext,
} from './server-context'
export {
  resolveConfig,
  PRODUCTION_PASSWORD_ITERATIONS,
  type PlintoConfig,
  type PlintoConfigOverrides,
  type WebhookEndpoint,
  type OAuthProviderId,
  type OAuthClientCredentials,
  type OAuthProvidersConfig,
  type AppleClientCredentials,
  type PlintoMode,
} from './config'
export {
  DEFAULT_RATE_LIMITS,
  type RateLimitClass,
  type RateLimitOption,
  type RateLimitRule,
} from './rate-limit/rate-limit-rules'
export { systemClock, type Clock } from './clock'
export { ApiError, type ErrorStatus } from './errors'
export { consoleLogger, silentLogger, type Logger } from './logger'
export { createMemoryStore } from './store/memory/memory-store'
export { sweepStore, SWEEP_MARGIN_MS, type SweepResult } from './store-sweep'
export {
  UniqueConstraintError,
  type PlintoStore,
  type UserRecord,
  type SessionRecord,
  type SessionRevokeReason,
  type RefreshTokenRecord,
  type EmailTokenRecord,
  type EmailTokenPurpose,
  type UserRepository,
  type SessionRepository,
  type RefreshTokenRepository,
  type RefreshTokenRotation,
  type EmailTokenRepository,
  type SigningKeyRepository,
  type OrganizationRoleName,
  type OrganizationRecord,
  type MembershipRecord,
  type MembershipChange,
  type InvitationRecord,
  type MfaRecord,
  type ChallengeKind,
  type ChallengeRecord,
  type PasskeyRecord,
  type OAuthAccountRecord,
  type OrganizationRepository,
  type MembershipRepository,
  type InvitationRepository,
  type MfaRepository,
  type ChallengeRepository,
  type PasskeyRepository,
  type OAuthAccountRepository,
  type UnlinkOutcome,
  type RateLimitHit,
  type RateLimitRepository,
  type UniqueField,
  type StoreRepositories,
  type OutboxRecord,
  type OutboxStatus,
  type OutboxClaim,
  type OutboxRepository,
} from './store/types'
export { createOutbox, type Outbox } from './mail/outbox'
export type { Mailer, OutgoingMessage } from './mail/mailer'
export { generateSigningKey, type SigningKeyRecord } from './crypto/signing-keys'
export { toWireUser } from './domain/accounts/user-wire'
export { generateTotp } from './crypto/totp'
export { signWebhookPayload, verifyWebhookPayload } from './webhooks/signature'
export type { WebhookEvent, WebhookPayload, WebhookQueue } from './webhooks/webhook-queue'
export { retryDelay } from './webhooks/retry-delay'
export type { CreateUserInput } from './domain/accounts/users'
/** Wire types of the contract, re-exported so consumers of the server need not depend on the SDK. */
export type {
  User,
  OutboxMessage,
  TokenResponse,
  AuthResponse,
  ErrorBody,
  Session,
  Organization,
  Member,
  Invitation,
  Passkey,
  MfaStatus,
} from '@plinto/contract'
