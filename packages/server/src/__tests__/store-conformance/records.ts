// Record factories for the store conformance suite: complete records with plausible values, any field
// overridable, so each test states only what it is about.
import type {
  ChallengeRecord,
  EmailTokenRecord,
  InvitationRecord,
  MfaRecord,
  OAuthAccountRecord,
  OrganizationRecord,
  PasskeyRecord,
  PlintoStore,
  RefreshTokenRecord,
  SessionRecord,
  UserRecord,
} from '../../index'

/** A fixed "now" far from the epoch, so expiry arithmetic is visible in the values. */
export const NOW = 1_750_000_000_000
const MINUTE = 60_000

export function userRecord(id: string, overrides: Partial<UserRecord> = {}): UserRecord {
  const email = overrides.email ?? `${id}@example.com`
  return {
    id,
    email,
    email_normalized: email.toLowerCase(),
    email_verified: false,
    username: null,
    username_normalized: null,
    first_name: null,
    last_name: null,
    profile_image_url: null,
    password_hash: 'pbkdf2-sha256$1000$salt$hash',
    mfa_enabled: false,
    phone_number: null,
    phone_verified: false,
    created_at: NOW,
    updated_at: NOW,
    last_sign_in_at: null,
    ...overrides,
  }
}

export function sessionRecord(id: string, userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    user_id: userId,
    created_at: NOW,
    last_active_at: NOW,
    expires_at: NOW + 30 * 24 * 60 * MINUTE,
    revoked_at: null,
    revoked_reason: null,
    remember: true,
    ip: '127.0.0.1',
    user_agent: 'Mozilla/5.0',
    active_organization_id: null,
    ...overrides,
  }
}

export function refreshTokenRecord(
  hash: string,
  session: SessionRecord,
  overrides: Partial<RefreshTokenRecord> = {},
): RefreshTokenRecord {
  return {
    token_hash: hash,
    session_id: session.id,
    user_id: session.user_id,
    created_at: NOW,
    expires_at: NOW + 30 * 24 * 60 * MINUTE,
    rotated_at: null,
    successor_box: null,
    ...overrides,
  }
}

export function emailTokenRecord(
  hash: string,
  userId: string,
  overrides: Partial<EmailTokenRecord> = {},
): EmailTokenRecord {
  return {
    token_hash: hash,
    purpose: 'verify_email',
    user_id: userId,
    email: `${userId}@example.com`,
    created_at: NOW,
    expires_at: NOW + 15 * MINUTE,
    ...overrides,
  }
}

export function organizationRecord(id: string, overrides: Partial<OrganizationRecord> = {}): OrganizationRecord {
  return {
    id,
    name: `Org ${id}`,
    slug: id.replace(/_/g, '-'),
    description: null,
    created_at: NOW,
    updated_at: NOW,
    ...overrides,
  }
}

export function invitationRecord(
  id: string,
  organizationId: string,
  overrides: Partial<InvitationRecord> = {},
): InvitationRecord {
  const email = overrides.email ?? 'guest@example.com'
  return {
    id,
    organization_id: organizationId,
    email,
    email_normalized: email.toLowerCase(),
    role: 'member',
    token_hash: `hash_${id}`,
    status: 'pending',
    invited_by: null,
    created_at: NOW,
    expires_at: NOW + 7 * 24 * 60 * MINUTE,
    decided_at: null,
    ...overrides,
  }
}

export function mfaRecord(userId: string, overrides: Partial<MfaRecord> = {}): MfaRecord {
  return {
    user_id: userId,
    totp_secret: 'sealed:secret',
    totp_enabled: true,
    totp_last_step: null,
    sms_phone: null,
    sms_enabled: false,
    backup_code_hashes: ['code_a', 'code_b', 'code_c'],
    pending_backup_code_hashes: [],
    updated_at: NOW,
    ...overrides,
  }
}

export function challengeRecord(key: string, overrides: Partial<ChallengeRecord> = {}): ChallengeRecord {
  return {
    key,
    kind: 'mfa_token',
    user_id: null,
    data: { remember: true, redirect_uri: 'http://localhost:5173/auth/callback', step: 3, note: null },
    attempts: 0,
    created_at: NOW,
    expires_at: NOW + 5 * MINUTE,
    ...overrides,
  }
}

export function passkeyRecord(id: string, userId: string, overrides: Partial<PasskeyRecord> = {}): PasskeyRecord {
  return {
    id,
    user_id: userId,
    credential_id: `cred_${id}`,
    public_key: 'pQECAyYgASFYIA',
    counter: 0,
    transports: ['internal', 'hybrid'],
    device_type: 'multiDevice',
    backed_up: true,
    name: 'MacBook',
    created_at: NOW,
    last_used_at: null,
    ...overrides,
  }
}

/** Creates users `ids` in order. */
export async function createUsers(store: PlintoStore, ...ids: string[]): Promise<void> {
  for (const id of ids) await store.users.create(userRecord(id))
}

/** An OAuth account link of `userId` to `provider`'s account `providerUserId`. */
export function oauthAccountRecord(
  id: string,
  userId: string,
  overrides: Partial<OAuthAccountRecord> = {},
): OAuthAccountRecord {
  return {
    id,
    provider: 'github',
    provider_user_id: `gh_${id}`,
    user_id: userId,
    email: `${userId}@example.com`,
    name: 'Ada Lovelace',
    created_at: NOW,
    ...overrides,
  }
}

/** Runs `fn` 20 times at once and returns how many calls answered `winning`. */
export async function race<T>(fn: () => Promise<T>, winning: (result: T) => boolean, callers = 20): Promise<number> {
  const results = await Promise.all(Array.from({ length: callers }, fn))
  return results.filter(winning).length
}
