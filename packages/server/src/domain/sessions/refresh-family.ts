// Refresh tokens that carry their session's family, so reuse is detected without keeping every rotated one.
//
// A token of a session started now is 32 bytes like any other (43 base64url characters): the first 20 bytes
// (27 characters) are the session's family, drawn once when the session starts and stored only as its SHA-256
// (`refresh_family_hash`, indexed); the last 12 bytes (16 characters) are fresh for every token. The store keeps
// a rotated token's own record only until its grace window has passed (the sweep deletes it after). A token
// the store does not hold but whose family is a session's can only be one the server issued for that session
// and rotated away: presenting it is reuse. Knowing the family takes a token of that session (whose holder can
// end the session anyway), never a copy of the store; guessing a current token still takes its 96 fresh bits.
import { randomToken } from '../../crypto/random'

/** Characters of the family at the start of a token (20 bytes, base64url). */
const FAMILY_CHARACTERS = 27
const TOKEN = /^[A-Za-z0-9_-]{43}$/

/** A new family (20 random bytes), drawn when a session starts. */
export function newRefreshFamily(): string {
  return randomToken(20)
}

/** A new refresh token of `family`: the family and 12 fresh random bytes, 43 characters in all. */
export function familyToken(family: string): string {
  return `${family}${randomToken(12)}`
}

/**
 * The family part of a presented token (any 43-character token has one; only a lookup of its hash tells
 * whether it is a session's). Undefined for anything else.
 */
export function familyOf(token: string): string | undefined {
  return TOKEN.test(token) ? token.slice(0, FAMILY_CHARACTERS) : undefined
}
