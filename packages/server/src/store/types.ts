import type { SigningKeyRecord } from '../crypto/signing-keys'
import type { ChallengeRepository, MfaRepository, OAuthAccountRepository, PasskeyRepository } from './factor-types'
import type { InvitationRepository, MembershipRepository, OrganizationRepository } from './organization-types'
import type { OutboxRepository } from './outbox-types'
import type { RateLimitRepository } from './rate-limit-types'

export type * from './organization-types'
export type * from './factor-types'
export type * from './outbox-types'
export type * from './rate-limit-types'

/**
 * A user as the store keeps it. Times are Unix milliseconds; secrets are stored only as hashes. Routes turn
 * records into wire shapes (`toWireUser`); the store never sees the wire.
 *
 * @example
 * ```ts
 * const user: UserRecord | undefined = await store.users.getByEmail('ada@example.com')
 * ```
 */
export interface UserRecord {
  id: string
  email: string
  /** Lower-cased email: the uniqueness and lookup key. */
  email_normalized: string
  email_verified: boolean
  username: string | null
  /** Lower-cased username, unique when set. */
  username_normalized: string | null
  first_name: string | null
  last_name: string | null
  profile_image_url: string | null
  /** `pbkdf2-sha256$…`, or null for accounts that have never set a password (magic link, OAuth). */
  password_hash: string | null
  mfa_enabled: boolean
  /**
   * The account's phone number (E.164), verified or not; null for none. Separate from the SMS second factor's
   * number (`MfaRecord.sms_phone`). Not unique: a number proves nothing until verified, and uniqueness would
   * tell a caller which numbers other accounts have.
   */
  phone_number: string | null
  /** True once a code texted to `phone_number` was confirmed; every change of the number sets it back to false. */
  phone_verified: boolean
  created_at: number
  updated_at: number
  last_sign_in_at: number | null
}

/**
 * A signed-in device. Ending it (`revoked_at`) kills its refresh tokens and its access tokens.
 *
 * @example
 * ```ts
 * const active = (await store.sessions.listByUser(userId)).filter((s) => s.revoked_at === null)
 * ```
 */
export interface SessionRecord {
  id: string
  user_id: string
  created_at: number
  last_active_at: number
  /** When the refresh chain stops working; each rotation keeps it (sessions do not slide past it). */
  expires_at: number
  revoked_at: number | null
  revoked_reason: SessionRevokeReason | null
  /** `remember: false` sessions get a shorter lifetime and a browser-session cookie. */
  remember: boolean
  ip: string
  user_agent: string | null
  /**
   * The organization the session acts for (`org_id`/`org_role` in its access tokens), chosen with
   * `POST /auth/organization/switch`; null for none. Re-checked against the memberships at every refresh.
   * Sessions stored before it existed read as null.
   */
  active_organization_id: string | null
  /**
   * SHA-256 of the family that every refresh token of this session starts with: it lets a rotated token be
   * recognised as this session's after the sweep deleted its own record, so reuse is still detected. Absent (or
   * null) on sessions started before families existed; their rotated tokens are kept until they expire.
   */
  refresh_family_hash?: string | null
  /**
   * When the session last proved who it is: the sign-in that started it, moved forward by
   * `POST /auth/reauthenticate`. Sensitive operations are judged by it (docs/contract.md § Re-authentication) and
   * access tokens carry it as `auth_time`. Absent (or null) on sessions stored before it existed: their start counts.
   */
  authenticated_at?: number | null
}

/**
 * Why a session ended; kept for audit and sent with the `session.revoked` webhook.
 *
 * @example
 * ```ts
 * await store.sessions.revoke(sessionId, 'revoked_by_user', Date.now())
 * ```
 */
export type SessionRevokeReason =
  | 'signout'
  | 'password_change'
  | 'password_reset'
  | 'refresh_token_reuse'
  | 'revoked_by_user'
  | 'account_deleted'

/**
 * One refresh token of a session's rotation chain, looked up by the SHA-256 of the token
 * (`store.refreshTokens.getByHash(hash)`).
 * After rotation the record stays (so reuse is detected) with `rotated_at` set; for the grace window it
 * also holds the successor pair sealed under the old token (see crypto/sealed-box.ts).
 *
 * @example
 * ```ts
 * const record: RefreshTokenRecord | undefined = await store.refreshTokens.getByHash(await sha256(token))
 * ```
 */
export interface RefreshTokenRecord {
  token_hash: string
  session_id: string
  user_id: string
  created_at: number
  expires_at: number
  rotated_at: number | null
  /** The successor pair, encrypted so that only the old token opens it; wiped after the grace window. */
  successor_box: string | null
}

/**
 * What a single-use email token is for.
 *
 * @example
 * ```ts
 * await store.emailTokens.deleteByUser(userId, 'reset_password')
 * ```
 */
export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'magic_link'

/**
 * A single-use emailed token, stored by hash.
 *
 * @example
 * ```ts
 * const record: EmailTokenRecord | undefined = await store.emailTokens.consume(hash, 'verify_email', Date.now())
 * ```
 */
export interface EmailTokenRecord {
  token_hash: string
  purpose: EmailTokenPurpose
  user_id: string
  /** The address the token was sent to: verifying it must not verify a different, later address. */
  email: string
  created_at: number
  expires_at: number
}

/**
 * Store operations on users.
 *
 * @example
 * ```ts
 * await store.users.update(userId, { first_name: 'Ada' })
 * ```
 */
export interface UserRepository {
  /** Inserts a user; rejects with {@link UniqueConstraintError} when the email or username is taken. */
  create(user: UserRecord): Promise<void>
  /** The user with this id, or undefined if there is none. */
  get(id: string): Promise<UserRecord | undefined>
  /** The user whose `email_normalized` equals `emailNormalized` (pass it lower-cased), or undefined. */
  getByEmail(emailNormalized: string): Promise<UserRecord | undefined>
  /** The user whose `username_normalized` equals `usernameNormalized` (pass it lower-cased), or undefined. */
  getByUsername(usernameNormalized: string): Promise<UserRecord | undefined>
  /** Applies `patch`; returns the updated user or undefined if it does not exist. Same uniqueness rules as create. */
  update(id: string, patch: Partial<Omit<UserRecord, 'id'>>): Promise<UserRecord | undefined>
  /**
   * Marks the user's phone verified, in one atomic step, only if its `phone_number` still equals `phoneNumber`
   * (the number the code was texted to): a code for a number the account has since replaced verifies nothing.
   * Sets `updated_at` to `nowMs`. Returns the updated user, or undefined (nothing written) when the user is gone
   * or has another number.
   */
  markPhoneVerified(id: string, phoneNumber: string, nowMs: number): Promise<UserRecord | undefined>
  /**
   * Deletes the user and everything that belongs to it: sessions, refresh and email tokens, memberships,
   * MFA settings, passkeys and pending challenges. Organizations are not touched (the route decides
   * what happens to organizations the user owns before deleting).
   */
  delete(id: string): Promise<boolean>
}

/**
 * Store operations on sessions.
 *
 * @example
 * ```ts
 * await store.sessions.revokeByUser(userId, 'password_change', Date.now(), currentSessionId)
 * ```
 */
export interface SessionRepository {
  /** Inserts a new session (sign-in); `id` is generated by the caller and unique. */
  create(session: SessionRecord): Promise<void>
  /**
   * The session with this id, ended or expired ones included (the caller checks `revoked_at` and `expires_at`);
   * undefined if unknown.
   */
  get(id: string): Promise<SessionRecord | undefined>
  /**
   * Every session of the user, ended and expired ones included, in no guaranteed order (routes filter and sort); empty
   * if none.
   */
  listByUser(userId: string): Promise<SessionRecord[]>
  /** Applies `patch` (e.g. `last_active_at`); returns the updated session, or undefined if it does not exist. */
  update(id: string, patch: Partial<Omit<SessionRecord, 'id' | 'user_id'>>): Promise<SessionRecord | undefined>
  /**
   * Ends sessions of a user that are still active (all of them, or all but `exceptSessionId`); their refresh
   * tokens stop working (they are kept until expiry so reuse answers SESSION_REVOKED). Returns how many ended.
   */
  revokeByUser(userId: string, reason: SessionRevokeReason, nowMs: number, exceptSessionId?: string): Promise<number>
  /** Ends one session (its refresh tokens stop working); false if it was unknown or already ended. */
  revoke(id: string, reason: SessionRevokeReason, nowMs: number): Promise<boolean>
  /**
   * Starts a session in one atomic write: stores `session` and its first refresh token `firstToken`, and sets the
   * user's `last_sign_in_at` to `session.created_at`. Returns the updated user, or undefined (and stores nothing)
   * if the user does not exist.
   */
  start(session: SessionRecord, firstToken: RefreshTokenRecord): Promise<UserRecord | undefined>
  /** The session whose `refresh_family_hash` is `familyHash` (ended and expired ones included), or undefined. */
  getByRefreshFamily(familyHash: string): Promise<SessionRecord | undefined>
  /**
   * The session with this id together with its user, in one read (what every authenticated request needs);
   * undefined if either is unknown. Ended and expired sessions included, as with `get`.
   */
  authenticate(id: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined>
  /**
   * Deletes the sessions whose `expires_at` is at or before `nowMs` (ended or not) with all their refresh tokens.
   * Returns how many sessions went. Used by the sweep; a live session is never touched.
   */
  deleteExpired(nowMs: number): Promise<number>
}

/**
 * What {@link RefreshTokenRepository.rotate} writes when it wins the claim on the old token.
 *
 * @example
 * ```ts
 * const rotation: RefreshTokenRotation = {
 *   rotatedAt: now,
 *   successorBox: await seal(presented, JSON.stringify(pair)),
 *   successor,
 *   session: { last_active_at: now, expires_at: successor.expires_at },
 *   wipeSuccessorsRotatedBefore: now - graceMs - 1,
 * }
 * ```
 */
export interface RefreshTokenRotation {
  /** Becomes the old token's `rotated_at`. */
  rotatedAt: number
  /** The successor pair sealed under the old token (see crypto/sealed-box.ts), for the grace window. */
  successorBox: string
  /** The new refresh token's record. */
  successor: RefreshTokenRecord
  /** The session's new activity time and expiry (each rotation gives it a full lifetime). */
  session: Pick<SessionRecord, 'last_active_at' | 'expires_at' | 'active_organization_id'>
  /**
   * Sealed successors of the session's other tokens rotated at or before this time (past their grace window)
   * are wiped in the same write, as `wipeSuccessors` does store-wide.
   */
  wipeSuccessorsRotatedBefore: number
}

/**
 * Store operations on refresh tokens.
 *
 * @example
 * ```ts
 * const ok = await store.refreshTokens.markRotated(hash, Date.now(), sealedSuccessor)
 * ```
 */
export interface RefreshTokenRepository {
  /** Inserts a refresh token (at sign-in, or the successor minted by a rotation). */
  create(token: RefreshTokenRecord): Promise<void>
  /**
   * The token whose SHA-256 is `tokenHash`, rotated and expired ones included (so reuse can be detected); undefined if
   * unknown or already deleted as expired.
   */
  getByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined>
  /**
   * Marks a token rotated, atomically: succeeds only if it was not rotated yet, so two concurrent refreshes
   * with the same token cannot both mint a successor. Returns false if someone else rotated it first.
   */
  markRotated(tokenHash: string, nowMs: number, successorBox: string): Promise<boolean>
  /** Forgets sealed successors of tokens rotated at or before `rotatedBeforeMs` (end of their grace window). */
  wipeSuccessors(rotatedBeforeMs: number): Promise<void>
  /** Deletes rotated and current tokens whose `expires_at` has passed; returns how many went. */
  deleteExpired(nowMs: number): Promise<number>
  /**
   * The token whose SHA-256 is `tokenHash` and its session, in one read (the first step of a refresh); `session`
   * is undefined if the session is gone. Undefined if the token is unknown.
   */
  getWithSession(
    tokenHash: string,
  ): Promise<{ token: RefreshTokenRecord; session: SessionRecord | undefined } | undefined>
  /**
   * One rotation in one atomic write: claims the token (only if it was not rotated yet, as `markRotated`), stores
   * the successor, moves the session (`rotation.session`) and wipes the session's successors past their window.
   * Returns false, writing nothing, if someone else
   * rotated it first, so two concurrent refreshes with the same token cannot both mint a successor.
   */
  rotate(tokenHash: string, rotation: RefreshTokenRotation): Promise<boolean>
  /**
   * Deletes the records that reuse detection no longer needs, of sessions with a `refresh_family_hash` only (their
   * tokens are recognised by the family they carry): tokens rotated before `rotatedBeforeMs` (past
   * their grace window) and every token of an ended session. Tokens of other sessions stay until they expire.
   * Returns how many went. Used by the sweep; a current token of an active session is never touched.
   */
  deleteSettled(rotatedBeforeMs: number): Promise<number>
}

/**
 * Store operations on single-use email tokens.
 *
 * @example
 * ```ts
 * await store.emailTokens.create(record) // replaces older tokens of that purpose
 * ```
 */
export interface EmailTokenRepository {
  /**
   * Stores a token and, in the same write, deletes the user's unused tokens of the same purpose (a new link
   * replaces the old ones).
   */
  create(token: EmailTokenRecord): Promise<void>
  /**
   * Takes a token out of the store: returns it (and deletes it) only if it exists, has `purpose` and has not
   * expired. Atomic, so a token can be consumed once only even under concurrent requests.
   */
  consume(tokenHash: string, purpose: EmailTokenPurpose, nowMs: number): Promise<EmailTokenRecord | undefined>
  /** Deletes a user's unused tokens of one purpose. */
  deleteByUser(userId: string, purpose: EmailTokenPurpose): Promise<void>
  /** Deletes the tokens whose `expires_at` is at or before `nowMs` (they can never be consumed); returns how many. */
  deleteExpired(nowMs: number): Promise<number>
}

/**
 * Signing keys; the newest is first.
 *
 * @example
 * ```ts
 * const [current] = await store.signingKeys.list()
 * // the one every instance uses
 * const [first] = await store.signingKeys.addIfNone(await generateSigningKey(Date.now()))
 * ```
 */
export interface SigningKeyRepository {
  /**
   * Every stored signing key, newest first (the first one signs; the others still verify); empty before the first key
   * is added.
   */
  list(): Promise<SigningKeyRecord[]>
  /** Stores a new key in front of the list, so it becomes the signing key; older keys stay for verification. */
  add(key: SigningKeyRecord): Promise<void>
  /**
   * Stores `key` only if there is no key yet, in one atomic step, and answers the stored keys (newest first):
   * `[key]` when it was added, the existing ones otherwise. Server instances starting at once on one empty
   * store thus agree on one first key.
   */
  addIfNone(key: SigningKeyRecord): Promise<SigningKeyRecord[]>
}

/**
 * The repositories of a store: what {@link PlintoStore.transaction} hands its function, bound to the
 * transaction.
 *
 * @example
 * ```ts
 * const revoke = (tx: StoreRepositories) => tx.sessions.revoke(sessionId, 'signout', Date.now())
 * ```
 */
export interface StoreRepositories {
  readonly users: UserRepository
  readonly sessions: SessionRepository
  readonly refreshTokens: RefreshTokenRepository
  readonly emailTokens: EmailTokenRepository
  readonly signingKeys: SigningKeyRepository
  readonly organizations: OrganizationRepository
  readonly memberships: MembershipRepository
  readonly invitations: InvitationRepository
  readonly mfa: MfaRepository
  readonly challenges: ChallengeRepository
  readonly passkeys: PasskeyRepository
  readonly oauthAccounts: OAuthAccountRepository
  /** The rate-limit counters, so every process on the store counts against one budget. */
  readonly rateLimits: RateLimitRepository
  /** Webhook deliveries, recorded with the change that caused their event. */
  readonly outbox: OutboxRepository
}

/**
 * Everything the server persists. Asynchronous throughout so a database-backed store (PostgreSQL) fits the
 * same interface.
 *
 * @example
 * ```ts
 * const store: PlintoStore = createMemoryStore()
 * await store.users.getByEmail('ada@example.com')
 * ```
 */
export interface PlintoStore extends StoreRepositories {
  /**
   * Runs `fn` over repositories bound to one transaction, so that a change and the webhook deliveries it causes
   * are stored together. On PostgreSQL (and PGlite) that is one `BEGIN … COMMIT`, rolled back if `fn` throws
   * (nested calls are savepoints). The memory and file stores apply each write as it is made (a throwing `fn`
   * does not undo the earlier ones; domain code records its events last) and the file store puts them on disk
   * together, in the write that follows `fn`. Inside `fn`, use only `tx`: the store itself may be waiting for
   * the transaction (PGlite has one connection).
   *
   * @example
   * ```ts
   * await store.transaction(async (tx) => {
   *   if (await tx.sessions.revoke(sessionId, 'signout', now)) await tx.outbox.enqueue(deliveries)
   * })
   * ```
   */
  transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T>
  /** True when the backing storage can be read and written (GET /health/readiness). */
  ping(): Promise<boolean>
  /** Waits until every accepted write is durable. */
  flush(): Promise<void>
  /** Flushes and releases resources; the store must not be used afterwards. */
  close(): Promise<void>
}

/**
 * The unique fields of the store.
 *
 * @example
 * ```ts
 * const field: UniqueField = 'slug'
 * ```
 */
export type UniqueField = 'email' | 'username' | 'slug' | 'credential_id' | 'oauth_account'

/**
 * Thrown by a store when a write would break uniqueness (email, username, slug, credential ID).
 *
 * @example
 * ```ts
 * try {
 *   await store.users.create(user)
 * } catch (e) {
 *   if (e instanceof UniqueConstraintError && e.field === 'email') …
 * }
 * ```
 */
export class UniqueConstraintError extends Error {
  override readonly name = 'UniqueConstraintError'
  constructor(readonly field: UniqueField) {
    super(`${field} is already taken`)
  }
}
