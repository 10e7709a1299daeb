// Store records and repositories of second factors and sign-in methods: MFA settings, short-lived
// challenges (MFA tokens, SMS codes, WebAuthn and OAuth state), passkeys and OAuth account links.

/**
 * A user's second factors. The TOTP secret is sealed with the server's secret key (it must be readable
 * by the server to check codes, so it cannot be hashed); backup codes are stored as SHA-256 hashes.
 *
 * @example
 * ```ts
 * const mfa = await store.mfa.get(userId)
 * mfa?.totp_enabled
 * ```
 */
export interface MfaRecord {
  user_id: string
  /** Sealed base32 secret; set (with `totp_enabled: false`) while setup is pending verification. */
  totp_secret: string | null
  totp_enabled: boolean
  /** Last accepted RFC 6238 time step: a code is accepted once, and never an older one. */
  totp_last_step: number | null
  /** E.164; set (with `sms_enabled: false`) while the enabling code is pending. */
  sms_phone: string | null
  sms_enabled: boolean
  /** SHA-256 of each unused backup code. */
  backup_code_hashes: string[]
  /** The set shown by a pending TOTP setup; it replaces `backup_code_hashes` once the setup is verified. */
  pending_backup_code_hashes: string[]
  updated_at: number
}

/**
 * Store operations on MFA settings.
 *
 * @example
 * ```ts
 * const fresh = await store.mfa.claimTotpStep(userId, step) // false: that code (or a later one) was used
 * ```
 */
export interface MfaRepository {
  /** The user's MFA settings, or undefined if the user has never set up a second factor (or they were deleted). */
  get(userId: string): Promise<MfaRecord | undefined>
  /** Stores the user's MFA settings, replacing any earlier record for `record.user_id` as a whole. */
  put(record: MfaRecord): Promise<void>
  /** Removes the user's MFA settings (last factor disabled); a no-op if there are none. */
  delete(userId: string): Promise<void>
  /** Records `step` as used if it is later than the last used step, atomically; false otherwise. */
  claimTotpStep(userId: string, step: number): Promise<boolean>
  /** Removes one backup code by hash, atomically; false if it is not (or no longer) there. */
  consumeBackupCode(userId: string, codeHash: string): Promise<boolean>
}

/**
 * What a short-lived server-side challenge is for.
 *
 * @example
 * ```ts
 * const kind: ChallengeKind = 'mfa_token'
 * ```
 */
export type ChallengeKind =
  | 'mfa_token'
  | 'sms_code'
  /**
   * An emailed one-time code (`POST /auth/email-code/send`), keyed `{purpose}:{email_normalized}` so that a new
   * send replaces the previous code; a decoy with `user_id: null` when no account may receive one.
   */
  | 'email_code'
  /** A code texted to verify the account's phone number (`POST /users/me/phone`), keyed by user. */
  | 'phone_code'
  | 'webauthn_registration'
  | 'webauthn_authentication'
  | 'oauth_state'
  | 'oauth_code'
  /**
   * Not a challenge but a budget: a user's attempts at the MFA management endpoints in the window ending at
   * `expires_at`.
   */
  | 'mfa_failures'
  /** A budget too: a user's wrong proofs at `POST /auth/reauthenticate` in the window ending at `expires_at`. */
  | 'reauth_failures'

/**
 * Short-lived, single-use server state: an MFA sign-in token, an SMS code, a WebAuthn challenge, an OAuth
 * state or code. `key` is a hash (or a derived name), never a secret a client holds.
 *
 * @example
 * ```ts
 * await store.challenges.create({
 *   key: await sha256(token),
 *   kind: 'mfa_token',
 *   user_id,
 *   data: { remember: true },
 *   attempts: 0,
 *   created_at: now,
 *   expires_at: now + 300_000,
 * })
 * ```
 */
export interface ChallengeRecord {
  key: string
  kind: ChallengeKind
  user_id: string | null
  /** Kind-specific JSON (a PKCE challenge, a redirect URI, a code hash, …). */
  data: Record<string, string | number | boolean | null>
  /** Wrong answers so far. */
  attempts: number
  created_at: number
  expires_at: number
}

/**
 * Store operations on challenges. Expired challenges are never returned.
 *
 * @example
 * ```ts
 * const record = await store.challenges.consume(key, 'webauthn_authentication', Date.now())
 * ```
 */
export interface ChallengeRepository {
  /** Stores a challenge, replacing one with the same key and kind. */
  create(challenge: ChallengeRecord): Promise<void>
  /**
   * The challenge with this key and kind, without consuming it; undefined if unknown or expired
   * (`expires_at <= nowMs`).
   */
  get(key: string, kind: ChallengeKind, nowMs: number): Promise<ChallengeRecord | undefined>
  /** Takes a challenge out of the store, atomically; undefined if unknown or expired. */
  consume(key: string, kind: ChallengeKind, nowMs: number): Promise<ChallengeRecord | undefined>
  /**
   * Counts one wrong answer. When `maxAttempts` is reached the challenge is deleted. Returns the attempts
   * left (0 when it was deleted or did not exist).
   */
  recordFailure(key: string, kind: ChallengeKind, maxAttempts: number): Promise<number>
  /**
   * Counts one attempt at answering a live challenge BEFORE the answer is checked, in one atomic step:
   * `attempts` goes up by one only while it is below `maxAttempts`. Returns the challenge as it is after
   * the increment (its `attempts` is this attempt's number, 1 to `maxAttempts`), or undefined when the
   * challenge is unknown, expired (`expires_at <= nowMs`) or its attempts are used up — then the answer
   * must not be checked. N concurrent callers get at most `maxAttempts` records, across processes too.
   *
   * @example
   * ```ts
   * const challenge = await store.challenges.claimAttempt(key, 'mfa_token', 5, Date.now())
   * if (!challenge) throw errors.invalidToken() // unknown, expired or out of attempts: do not check the code
   * if (!(await codeIsRight())) {
   *   if (challenge.attempts >= 5) await store.challenges.consume(key, 'mfa_token', Date.now()) // the last one
   *   throw invalidMfaCode()
   * }
   * ```
   */
  claimAttempt(
    key: string,
    kind: ChallengeKind,
    maxAttempts: number,
    nowMs: number,
  ): Promise<ChallengeRecord | undefined>
  /**
   * Counts one attempt against a budget that renews every window, BEFORE the answer is checked, in one atomic
   * step: with no live record under `budget.key` and `budget.kind`, stores `budget` with `attempts: 1` (its
   * `expires_at` ends the window); with a live one below `maxAttempts`, increments its attempts; at the limit,
   * changes nothing and refuses. N concurrent callers get at most `maxAttempts` grants, across processes too.
   * Returns whether this attempt may be checked, and the window's attempts and end.
   *
   * @example
   * ```ts
   * const now = Date.now()
   * const budget = {
   *   key: `mfa-failures:${userId}`,
   *   kind: 'mfa_failures',
   *   user_id: userId,
   *   data: {},
   *   attempts: 0,
   *   created_at: now,
   *   expires_at: now + 900_000,
   * } as const
   * const { allowed, expires_at } = await store.challenges.claimWindowAttempt(budget, 10, now)
   * if (!allowed) throw tooManyCodes(expires_at - now)
   * // only wrong codes count
   * if (await codeIsRight()) await store.challenges.releaseAttempt(budget.key, budget.kind, expires_at)
   * ```
   */
  claimWindowAttempt(
    budget: ChallengeRecord,
    maxAttempts: number,
    nowMs: number,
  ): Promise<{ allowed: boolean; attempts: number; expires_at: number }>
  /**
   * Gives back one attempt counted by {@link ChallengeRepository.claimWindowAttempt} (the answer was right), if
   * the window ending at `expiresAt` is still the stored one and its attempts are above 0; else a no-op.
   */
  releaseAttempt(key: string, kind: ChallengeKind, expiresAt: number): Promise<void>
  /** Deletes every challenge whose `expires_at` is at or before `nowMs` (periodic clean-up). */
  deleteExpired(nowMs: number): Promise<void>
}

/**
 * A WebAuthn credential (passkey) registered to a user.
 *
 * @example
 * ```ts
 * const passkey = await store.passkeys.getByCredentialId(response.id)
 * ```
 */
export interface PasskeyRecord {
  id: string
  user_id: string
  /** base64url credential ID, unique across the server. */
  credential_id: string
  /** base64url COSE public key. */
  public_key: string
  counter: number
  transports: string[]
  device_type: 'singleDevice' | 'multiDevice'
  backed_up: boolean
  name: string
  created_at: number
  last_used_at: number | null
}

/**
 * Store operations on passkeys.
 *
 * @example
 * ```ts
 * const ok = await store.passkeys.recordUse(passkey.id, passkey.counter, newCounter, Date.now())
 * ```
 */
export interface PasskeyRepository {
  /** {@link UniqueConstraintError} `credential_id` when that credential is already registered. */
  create(passkey: PasskeyRecord): Promise<void>
  /** The passkey with this id, or undefined. Routes also check `user_id`, since ids come from the client. */
  get(id: string): Promise<PasskeyRecord | undefined>
  /**
   * The passkey with this base64url credential ID (the `id` of a WebAuthn assertion), or undefined if none is
   * registered.
   */
  getByCredentialId(credentialId: string): Promise<PasskeyRecord | undefined>
  /** The user's passkeys, in no guaranteed order (routes sort them); empty if none. */
  listByUser(userId: string): Promise<PasskeyRecord[]>
  /** Renames a passkey or updates `backed_up`; returns the updated passkey, or undefined if it does not exist. */
  update(id: string, patch: Partial<Pick<PasskeyRecord, 'name' | 'backed_up'>>): Promise<PasskeyRecord | undefined>
  /**
   * Records a verified use: sets `counter` and `last_used_at` only if the stored counter is still
   * `expectedCounter`, atomically (two concurrent assertions cannot both pass). False otherwise.
   */
  recordUse(
    id: string,
    expectedCounter: number,
    nextCounter: number,
    nowMs: number,
    backedUp: boolean,
  ): Promise<boolean>
  /** Deletes a passkey; false if it did not exist. */
  delete(id: string): Promise<boolean>
  /**
   * Deletes the user's passkey `id` unless it is the user's last way to sign in (no password, no linked identity,
   * no other passkey), in one atomic step per user shared with {@link OAuthAccountRepository.deleteUnlessLast}:
   * concurrent removals of a user's last two methods, of either kind, remove at most one.
   */
  deleteUnlessLast(userId: string, id: string): Promise<'deleted' | 'not_found' | 'last_method'>
}

/**
 * A user's account at an OAuth provider, linked to a Plinto user.
 *
 * @example
 * ```ts
 * const link = await store.oauthAccounts.get('github', '583231')
 * ```
 */
export interface OAuthAccountRecord {
  /** `idn_…`, how the account's owner names the link (to unlink it); unique across the server. */
  id: string
  provider: string
  provider_user_id: string
  user_id: string
  email: string
  /** The person's name as the provider reported it when the identity was linked, or null. */
  name: string | null
  created_at: number
}

/**
 * What {@link OAuthAccountRepository.deleteUnlessLast} did: the link it removed, or why it removed nothing.
 *
 * @example
 * ```ts
 * const outcome: UnlinkOutcome = { refused: 'last_method' }
 * ```
 */
export type UnlinkOutcome = { deleted: OAuthAccountRecord } | { refused: 'not_found' | 'last_method' }

/**
 * Store operations on OAuth account links.
 *
 * @example
 * ```ts
 * await store.oauthAccounts.create({
 *   id: randomId('idn'),
 *   provider: 'github',
 *   provider_user_id: '583231',
 *   user_id,
 *   email,
 *   name: 'Octo Cat',
 *   created_at: now,
 * })
 * ```
 */
export interface OAuthAccountRepository {
  /**
   * Links a provider account to a user; rejects with {@link UniqueConstraintError} `oauth_account` when that provider
   * account is already linked.
   */
  create(account: OAuthAccountRecord): Promise<void>
  /** The link for this provider and provider-side user id, or undefined if that provider account is not linked. */
  get(provider: string, providerUserId: string): Promise<OAuthAccountRecord | undefined>
  /** Every provider account linked to the user, in no guaranteed order; empty if none. */
  listByUser(userId: string): Promise<OAuthAccountRecord[]>
  /**
   * Removes the user's link `id` unless it is the user's last way to sign in: the user has no password, no other
   * linked identity and no passkey (magic links do not count). The check and the removal are one atomic step per
   * user, so N concurrent calls on a user's last two methods (identities) remove at most one, across processes too.
   * `not_found` when the user has no link with this id (a link of another user included).
   */
  deleteUnlessLast(userId: string, id: string): Promise<UnlinkOutcome>
}
