import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../internal/backoff'
import { computeExpiresAt, refreshDelay } from '../session/expiry'
import { makeJwt } from './helpers'

describe('access-token expiry', () => {
  it('comes from the JWT exp claim', () => {
    const now = Date.now()
    const token = makeJwt(600)
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number
    expect(computeExpiresAt(token, 3600, now)).toBe(exp * 1000)
  })

  it('decodes base64url payloads of any length and with non-ASCII claims; anything else is opaque', () => {
    const now = 1_000_000
    const token = (payload: string) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(payload).toString('base64url')}.sig`
    // "Zoë" and "𝒜" put UTF-8 bytes, and -/_ characters, into the base64url text; the lengths vary the padding.
    for (const name of ['Zoë', 'Zoë?', '𝒜da>>', 'x']) {
      expect(computeExpiresAt(token(JSON.stringify({ name, exp: 1_500 })), 3600, now)).toBe(1_500_000)
    }
    for (const opaque of [token('not json'), token('null'), token('{"exp":"soon"}'), 'a.b', 'a.b.c.d.e', '']) {
      expect(computeExpiresAt(opaque, 900, now)).toBe(now + 900_000)
    }
  })

  it('falls back to expires_in for opaque tokens', () => {
    expect(computeExpiresAt('opaque-token', 900, 1_000_000)).toBe(1_000_000 + 900_000)
  })

  it('takes the earlier of exp and expires_in (a client clock behind the server)', () => {
    expect(computeExpiresAt(makeJwt(3600), 60, Date.now())).toBeLessThanOrEqual(Date.now() + 60_000)
  })

  it('schedules the refresh threshold seconds ahead, halfway for short-lived tokens', () => {
    const now = 0
    expect(refreshDelay(3600_000, 300, now)).toBe(3300_000)
    expect(refreshDelay(60_000, 300, now)).toBe(30_000)
    expect(refreshDelay(-5, 300, now)).toBe(0)
    expect(refreshDelay(10 ** 13, 300, now)).toBe(2_147_483_647)
  })

  it('moves earlier (never later) with a jitter of up to 5 % of the lead, at most 3 s', () => {
    const now = 0
    // Lead 300 s: 5 % would be 15 s, capped at 3 s.
    expect(refreshDelay(3600_000, 300, now, 1)).toBe(3300_000 - 3_000)
    expect(refreshDelay(3600_000, 300, now, 0.5)).toBe(3300_000 - 1_500)
    // Lead 30 s (half of a 60 s life): up to 1.5 s.
    expect(refreshDelay(60_000, 300, now, 1)).toBe(30_000 - 1_500)
    expect(refreshDelay(60_000, 300, now, 0)).toBe(30_000)
    expect(refreshDelay(-5, 300, now, 1)).toBe(0)
    expect(refreshDelay(1, 300, now, 1)).toBeGreaterThan(0)
  })
})

describe('refresh backoff', () => {
  it('grows exponentially with equal jitter, capped, with Retry-After as a floor', () => {
    expect(backoffDelay(1, undefined, () => 0)).toBe(500)
    expect(backoffDelay(1, undefined, () => 1)).toBe(1000)
    expect(backoffDelay(4, undefined, () => 0)).toBe(4000)
    expect(backoffDelay(30, undefined, () => 1)).toBe(60_000)
    expect(backoffDelay(1, 30, () => 1)).toBe(30_000)
  })
})
