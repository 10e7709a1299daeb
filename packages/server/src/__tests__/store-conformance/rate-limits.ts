// Conformance: rate-limit windows, counted in one atomic step per hit.
import { describe, expect, test } from 'vitest'
import type { PlintoStore } from '../../index'
import { NOW } from './records'

const MINUTE = 60_000

export function rateLimitsConformance(store: () => PlintoStore): void {
  describe('rate limits', () => {
    test('a window opens at the first hit, counts up to the limit, then refuses and stays at limit + 1', async () => {
      const hit = (nowMs: number, windowMs = MINUTE) => store().rateLimits.hit('signin:ip:a', 3, windowMs, nowMs)
      expect(await hit(NOW)).toEqual({ allowed: true, count: 1, reset_at: NOW + MINUTE })
      // A later hit's own window length does not move the live window's end.
      expect(await hit(NOW + 1, 5 * MINUTE)).toEqual({ allowed: true, count: 2, reset_at: NOW + MINUTE })
      expect(await hit(NOW + 2)).toEqual({ allowed: true, count: 3, reset_at: NOW + MINUTE })
      expect(await hit(NOW + 3)).toEqual({ allowed: false, count: 4, reset_at: NOW + MINUTE })
      expect(await hit(NOW + MINUTE - 1)).toEqual({ allowed: false, count: 4, reset_at: NOW + MINUTE })
      // The window ends at reset_at: that hit opens the next one.
      expect(await hit(NOW + MINUTE, 2 * MINUTE)).toEqual({ allowed: true, count: 1, reset_at: NOW + 3 * MINUTE })
    })

    test('keys count separately; a limit of 1 allows the first hit only', async () => {
      expect(await store().rateLimits.hit('a', 1, MINUTE, NOW)).toMatchObject({ allowed: true, count: 1 })
      expect(await store().rateLimits.hit('a', 1, MINUTE, NOW)).toMatchObject({ allowed: false, count: 2 })
      expect(await store().rateLimits.hit('b', 1, MINUTE, NOW)).toMatchObject({ allowed: true, count: 1 })
      expect(await store().rateLimits.hit('signin:account:a', 1, MINUTE, NOW)).toMatchObject({ allowed: true })
    })

    test('50 concurrent hits on a ten-request budget (nothing stored yet): exactly 10 allowed, counts 1 to 10', async () => {
      const hits = await Promise.all(
        Array.from({ length: 50 }, () => store().rateLimits.hit('race:new', 10, MINUTE, NOW)),
      )
      const allowed = hits.filter((h) => h.allowed)
      expect(allowed.map((h) => h.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(hits.filter((h) => !h.allowed).every((h) => h.count === 11)).toBe(true)
      expect(new Set(hits.map((h) => h.reset_at))).toEqual(new Set([NOW + MINUTE]))
    })

    test('50 concurrent hits just as a spent window ends: one new window, exactly 10 allowed in it', async () => {
      for (let i = 0; i < 12; i++) await store().rateLimits.hit('race:renew', 10, MINUTE, NOW)
      const later = NOW + MINUTE
      const hits = await Promise.all(
        Array.from({ length: 50 }, () => store().rateLimits.hit('race:renew', 10, MINUTE, later)),
      )
      expect(hits.filter((h) => h.allowed)).toHaveLength(10)
      expect(new Set(hits.map((h) => h.reset_at))).toEqual(new Set([later + MINUTE]))
    })

    test('deleteExpired drops the windows that ended and keeps live ones, renewed ones included', async () => {
      const { rateLimits } = store()
      await rateLimits.hit('ended', 5, MINUTE, NOW)
      await rateLimits.hit('live', 5, 2 * MINUTE, NOW)
      await rateLimits.hit('renewed', 5, MINUTE, NOW)
      await rateLimits.hit('renewed', 5, MINUTE, NOW + MINUTE)
      await rateLimits.deleteExpired(NOW + MINUTE)
      // Hitting with an earlier clock shows what is stored: a deleted window starts again at 1.
      expect(await rateLimits.hit('ended', 5, MINUTE, NOW)).toEqual({ allowed: true, count: 1, reset_at: NOW + MINUTE })
      expect(await rateLimits.hit('live', 5, MINUTE, NOW)).toMatchObject({ count: 2, reset_at: NOW + 2 * MINUTE })
      expect(await rateLimits.hit('renewed', 5, MINUTE, NOW + MINUTE)).toMatchObject({
        count: 2,
        reset_at: NOW + 2 * MINUTE,
      })
      await rateLimits.deleteExpired(NOW + 10 * MINUTE)
      expect(await rateLimits.hit('live', 5, MINUTE, NOW)).toMatchObject({ count: 1 })
    })
  })
}
