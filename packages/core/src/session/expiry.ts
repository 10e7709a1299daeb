/**
 * A claim of a JWT access token (`exp` in seconds, `sid`…); `undefined` for an opaque token or anything that
 * does not decode. Decoding only, no verification: the server verifies, the client merely schedules its
 * refresh. (A dozen lines instead of jose's `decodeJwt`, which costs 0.8 KB gzip in the client entry;
 * jose stays for verification in the `./server` entry.)
 */
export function jwtClaim(token: string, claim: string): unknown {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    // base64url → base64; atob tolerates the missing padding. Non-ASCII bytes of other claims come out
    // as Latin-1 characters, which JSON still parses, and `exp` is a plain number either way.
    // biome-ignore lint/style/noNonNullAssertion: split() gave exactly 3 parts (checked above); `?.` would cost main-chunk bytes
    return (JSON.parse(atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>)[claim]
  } catch {
    return undefined
  }
}

/**
 * When an access token expires, in ms since the epoch. The JWT's `exp` is the truth; `expires_in` is
 * the fallback for opaque tokens. With both, the earlier wins: a client clock running behind the
 * server would otherwise push `exp` past the real expiry and the proactive refresh would come too late.
 */
export function computeExpiresAt(accessToken: string, expiresIn: number, now = Date.now()): number {
  const fromExpiresIn = now + expiresIn * 1000
  const exp = jwtClaim(accessToken, 'exp')
  return typeof exp !== 'number' || !Number.isFinite(exp) ? fromExpiresIn : Math.min(exp * 1000, fromExpiresIn)
}

/**
 * Milliseconds from `now` until the proactive refresh should run: `threshold` seconds before expiry,
 * but never earlier than halfway through the remaining lifetime, so short-lived tokens (e.g. 60 s with
 * the default 300 s threshold) are still used for a while instead of being refreshed in a loop.
 * `jitter` (0 to 1, fixed per client) moves it earlier by up to 5 % of that lead, at most 3 s: tabs that
 * took up the same token then do not all fire at once, and the first one's news usually reaches the others
 * before their own timers fire. Earlier only, so never past expiry.
 */
export function refreshDelay(expiresAt: number, thresholdSeconds: number, now = Date.now(), jitter = 0): number {
  const remaining = expiresAt - now
  if (remaining <= 0) return 0
  const lead = Math.min(thresholdSeconds * 1000, remaining / 2)
  // setTimeout overflows (fires at once) past 2^31-1 ms.
  return Math.min(remaining - lead - jitter * Math.min(lead / 20, 3_000), 2_147_483_647)
}

/**
 * Whether a token has reached its refresh time by the same rule as {@link refreshDelay}: `refreshThreshold`
 * before expiry, or half-way through the life of a token shorter than twice that (its `iat` gives the life;
 * without one, only expiry counts). Used to decide whether tokens another tab stored are worth taking up.
 */
export function isDue(accessToken: string, expiresAt: number, thresholdSeconds: number): boolean {
  const iat = jwtClaim(accessToken, 'iat')
  return (
    Date.now() >=
    expiresAt - Math.min(thresholdSeconds * 1000, typeof iat === 'number' ? (expiresAt - iat * 1000) / 2 : 0)
  )
}

/**
 * The active organization an access token carries (`org_id`; `org_role` is read by the same rule for the
 * snapshot), `null` for none. The server chose it, signed it and sends both or neither; the client shows it as
 * it is (decoding only, like `exp`: what it grants is decided by the server and by backends that verify it).
 */
export const tokenOrganization = (accessToken: string): string | null =>
  (jwtClaim(accessToken, 'org_id') as string) || null
