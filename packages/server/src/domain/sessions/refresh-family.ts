// Refresh tokens that say which session they belong to, so reuse is detected without keeping every rotated one.
//
// A token is `<session id>.<expiry, base 36>.<family secret>.<random>`. The family secret is drawn once per
// session and stored only as its SHA-256 (`refresh_family_hash`); every token of the session carries it.
// The store keeps each rotated token's own record only until its grace window has passed (the sweep deletes
// it after); a token that is no longer stored but carries its session's family secret can only be one the
// server issued and rotated away, so presenting it is reuse. Forging one takes the family secret, which only
// holders of a token of that session (who can end it anyway) and nobody reading the store have.
import { randomToken } from '../../crypto/random'

/** What a family token says about itself; trusted only once the secret matches the session's hash. */
export interface RefreshFamilyClaim {
  sessionId: string
  /** The token's `expires_at` (Unix ms). */
  expiresAt: number
  /** The session's family secret. */
  secret: string
}

const FAMILY_TOKEN = /^(sess_[A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.[A-Za-z0-9_-]{43}$/

/** A new family secret (16 random bytes), drawn when a session starts. */
export function newFamilySecret(): string {
  return randomToken(16)
}

/** A new refresh token of a family: 32 fresh random bytes behind the family's claim. */
export function familyToken(claim: RefreshFamilyClaim): string {
  return `${claim.sessionId}.${claim.expiresAt.toString(36)}.${claim.secret}.${randomToken(32)}`
}

/** The claim of a family token; undefined for anything else (including tokens of sessions without a family). */
export function parseFamilyToken(token: string): RefreshFamilyClaim | undefined {
  const match = FAMILY_TOKEN.exec(token)
  if (!match) return undefined
  const [, sessionId, expiry, secret] = match as unknown as [string, string, string, string]
  const expiresAt = Number.parseInt(expiry, 36)
  return Number.isSafeInteger(expiresAt) ? { sessionId, expiresAt, secret } : undefined
}
