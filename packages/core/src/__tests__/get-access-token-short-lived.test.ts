import { describe, expect, it, vi } from 'vitest'
import { EMAIL, useReferenceServer, useWholeSecondFakeTime } from './helpers'

// 20 s access tokens: shorter than twice getAccessToken()'s 30 s safety margin.
const { backend, signedIn, refreshes } = useReferenceServer({ accessTokenTtl: 20 })

describe('getAccessToken with tokens that live less than a minute', () => {
  it('uses a token for the first half of its life instead of refreshing on every call', async () => {
    useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    for (let call = 0; call < 3; call++) expect(await plinto.getAccessToken()).toBe(tokens.access_token)
    await vi.advanceTimersByTimeAsync(9_000)
    expect(await plinto.getAccessToken()).toBe(tokens.access_token)
    expect(refreshes()).toHaveLength(0)

    // 9 s left of 20: past half its life, it is refreshed first, once.
    await vi.advanceTimersByTimeAsync(2_000)
    const fresh = await plinto.getAccessToken()
    expect(fresh).not.toBe(tokens.access_token)
    expect(await plinto.getAccessToken()).toBe(fresh)
    expect(refreshes().map((r) => r.body)).toEqual([{ refresh_token: tokens.refresh_token }])
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
  })
})
