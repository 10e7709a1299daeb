// The in-memory store's state and the small toolkit every repository of it shares.
import type { SigningKeyRecord } from '../../crypto/signing-keys'
import type {
  ChallengeRecord,
  EmailTokenRecord,
  InvitationRecord,
  MembershipRecord,
  MfaRecord,
  OAuthAccountRecord,
  OrganizationRecord,
  OutboxRecord,
  PasskeyRecord,
  RefreshTokenRecord,
  SessionRecord,
  UserRecord,
} from '../types'
import { buildIndexes, type StoreIndexes } from './indexes'

/** The whole state of a store as plain JSON-serialisable data; the file store writes exactly this. */
export interface StoreState {
  version: 1
  users: Record<string, UserRecord>
  sessions: Record<string, SessionRecord>
  refreshTokens: Record<string, RefreshTokenRecord>
  emailTokens: Record<string, EmailTokenRecord>
  signingKeys: SigningKeyRecord[]
  organizations: Record<string, OrganizationRecord>
  /** Keyed `organization_id:user_id`. */
  memberships: Record<string, MembershipRecord>
  invitations: Record<string, InvitationRecord>
  /** Keyed by user ID. */
  mfa: Record<string, MfaRecord>
  /** Keyed `kind:key`. */
  challenges: Record<string, ChallengeRecord>
  passkeys: Record<string, PasskeyRecord>
  /** Keyed `provider:provider_user_id`. */
  oauthAccounts: Record<string, OAuthAccountRecord>
  /** Rate-limit windows, keyed by the caller's key. */
  rateLimits: Record<string, RateLimitWindow>
  /** Webhook deliveries by id, in the order they were recorded. */
  outbox: Record<string, OutboxRecord>
}

/** One live (or not yet swept) rate-limit window. */
export interface RateLimitWindow {
  count: number
  reset_at: number
}

/** An empty {@link StoreState}. */
export function emptyState(): StoreState {
  return {
    version: 1,
    users: {},
    sessions: {},
    refreshTokens: {},
    emailTokens: {},
    signingKeys: [],
    organizations: {},
    memberships: {},
    invitations: {},
    mfa: {},
    challenges: {},
    passkeys: {},
    oauthAccounts: {},
    rateLimits: {},
    outbox: {},
  }
}

/** What the repositories of a state store work with (see {@link createStateStore}). */
export interface MemoryContext {
  state: StoreState
  /** Lookups over `state`, derived from it (never persisted); whoever changes an indexed record updates them. */
  indexes: StoreIndexes
  /** Records are copied in and out so callers can never mutate stored state by accident. */
  copy: <T>(value: T) => T
  /** Runs a change, then persists it; resolves once persisted. */
  mutate: <T>(change: () => T) => Promise<T>
  /** For sweeps that usually find nothing to do: persists only when `change` reports a change. */
  sweep: (change: () => boolean) => Promise<void>
}

/**
 * The toolkit over `state`: `mutate` persists after every change, `sweep` only after one that changed something.
 * The indexes are built here from `state` as it is (so a state loaded from disk gets them too).
 */
export function memoryContext(state: StoreState, persist: () => Promise<void>): MemoryContext {
  return {
    state,
    indexes: buildIndexes(state),
    copy: (value) => structuredClone(value),
    mutate: async (change) => {
      const result = change()
      await persist()
      return result
    },
    sweep: async (change) => {
      if (change()) await persist()
    },
  }
}
