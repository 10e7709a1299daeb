import { decodeJwt } from 'jose'

/**
 * When an access token expires, in ms since the epoch. The JWT's `exp` is the truth; `expires_in` is
 * the fallback for opaque tokens. With both, the earlier wins: a client clock running behind the
 * server would otherwise push `exp` past the real expiry and the proactive refresh would come too late.
 */
export function computeExpiresAt(accessToken: string, expiresIn: number, now = Date.now()): number {
  const fromExpiresIn = now + expiresIn * 1000
  try {
    const { exp } = decodeJwt(accessToken)
    if (typeof exp === 'number' && Number.isFinite(exp)) return Math.min(exp * 1000, fromExpiresIn)
  } catch {
    // Not a JWT: expires_in is all we have.
  }
  return fromExpiresIn
}

/**
 * Milliseconds from `now` until the proactive refresh should run: `threshold` seconds before expiry,
 * but never earlier than halfway through the remaining lifetime, so short-lived tokens (e.g. 60 s with
 * the default 300 s threshold) are still used for a while instead of being refreshed in a loop.
 */
export function refreshDelay(expiresAt: number, thresholdSeconds: number, now = Date.now()): number {
  const remaining = expiresAt - now
  if (remaining <= 0) return 0
  const lead = Math.min(thresholdSeconds * 1000, remaining / 2)
  // setTimeout overflows (fires at once) past 2^31-1 ms.
  return Math.min(remaining - lead, 2_147_483_647)
}
