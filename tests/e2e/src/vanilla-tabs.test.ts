import type { Page, Response } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { screenshot } from './harness/browser'
import { eventLog, refreshCount, waitForStatus } from './harness/page-state'
import { useVanilla } from './harness/static-app-fixtures'

// Short-lived access tokens, so several refresh cycles fit in a test. The client refreshes halfway through
// a token's life when the life is shorter than twice its threshold: here every ~4 s.
const ACCESS_TOKEN_TTL = 8
const REFRESH_CYCLES = 3

const e2e = useVanilla({ accessTokenTtl: ACCESS_TOKEN_TTL })

/** One `POST /auth/refresh` seen by the browser: which tab sent it, the token it presented, what came back. */
interface RefreshExchange {
  tab: number
  status: number
  presented: string
  successor: string | undefined
}

describe('examples/vanilla: three tabs share one session', () => {
  const exchanges: RefreshExchange[] = []
  /**
   * Each tab's `tokenRefreshed` log lines (`here|by another tab, valid until …`), oldest first, before the sign-out.
   */
  const refreshedLines: string[][] = []

  test('they stay signed in across several refreshes with one rotation per token, and a sign-out in one signs out all', async () => {
    const context = await e2e.newContext()
    const pending: Array<Promise<void>> = []
    context.on('response', (response: Response) => {
      const request = response.request()
      if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/api/v1/auth/refresh') return
      pending.push(
        response.json().then((body: { refresh_token?: string }) => {
          exchanges.push({
            tab: context.pages().indexOf(request.frame().page()),
            status: response.status(),
            presented: (request.postDataJSON() as { refresh_token: string }).refresh_token,
            successor: body.refresh_token,
          })
        }),
      )
    })

    const first = await e2e.openApp(context)
    await waitForStatus(first, 'signed_out')
    const form = first.getByRole('form', { name: 'Create an account' })
    await form.getByLabel('First name').fill('Tabby')
    await form.getByLabel('Email', { exact: true }).fill('tabs@example.com')
    await form.getByLabel('Password', { exact: true }).fill('three tabs one session')
    await form.getByRole('button', { name: 'Create account' }).click()
    await waitForStatus(first, 'signed_in')

    // The other tabs restore the session from the shared storage.
    const tabs: Page[] = [first, await e2e.openApp(context), await e2e.openApp(context)]
    for (const tab of tabs) await waitForStatus(tab, 'signed_in')

    // Several token lifetimes later, every tab has taken up every new token...
    for (const tab of tabs) {
      await expect
        .poll(() => refreshCount(tab), { timeout: (REFRESH_CYCLES + 1) * ACCESS_TOKEN_TTL * 1000 })
        .toBeGreaterThanOrEqual(REFRESH_CYCLES)
    }
    await screenshot(first, 'vanilla-4-three-tabs-after-refreshes')
    await Promise.all(pending)

    // ...every refresh succeeded, and the server rotated each token once: whoever presented a token got
    // the same successor, so the session has one line of tokens, never two.
    expect(exchanges.length).toBeGreaterThanOrEqual(REFRESH_CYCLES)
    expect(exchanges.filter((exchange) => exchange.status !== 200)).toEqual([])
    const successors = new Map<string, Set<string | undefined>>()
    for (const { presented, successor } of exchanges)
      successors.set(presented, (successors.get(presented) ?? new Set()).add(successor))
    expect(successors.size).toBeGreaterThanOrEqual(REFRESH_CYCLES)
    for (const next of successors.values()) expect(next.size).toBe(1)
    // Each new token was presented in turn: the chain is unbroken.
    const chain = [...successors.keys()]
    for (let i = 1; i < chain.length; i++) expect([...successors.get(chain[i - 1]!)!][0]).toBe(chain[i])

    for (const tab of tabs) {
      await waitForStatus(tab, 'signed_in')
      const log = await eventLog(tab)
      expect(log.filter((line) => /^(error|signedOut|sessionExpired)\b/.test(line))).toEqual([])
      refreshedLines.push(log.filter((line) => line.startsWith('tokenRefreshed ')))
    }

    // Signing out in the second tab signs out the other two.
    await tabs[1]!.getByRole('button', { name: 'Sign out' }).click()
    for (const tab of tabs) await waitForStatus(tab, 'signed_out')
    for (const tab of [tabs[0]!, tabs[2]!]) {
      await expect.poll(async () => (await eventLog(tab)).at(-1)).toBe('signedOut reason: other_tab')
    }
    expect((await eventLog(tabs[1]!)).at(-1)).toBe('signedOut reason: user')
    await screenshot(tabs[2]!, 'vanilla-5-signed-out-by-another-tab')
  })

  // Tabs that took up the same token schedule their proactive refresh for the same moment. The first to get
  // the cross-tab refresh lock (Web Locks) refreshes, saves and tells the others, and keeps the lock a
  // moment longer (Chromium may grant it to the next tab before the news reaches that tab); the others,
  // waiting for it, find the new pair (from its message or in the shared storage) and take it up without
  // a request of their own.
  test('each token is refreshed by one tab only, and each tab takes up each new token once', () => {
    expect(exchanges.length).toBeGreaterThanOrEqual(REFRESH_CYCLES)
    const presented = exchanges.map((exchange) => exchange.presented)
    expect(new Set(presented).size).toBe(presented.length)
    // One `tokenRefreshed` per new token in every tab: no tab takes up a token twice (its own refresh, then
    // the same news from another tab), so no two of a tab's lines name the same expiry.
    expect(refreshedLines).toHaveLength(3)
    for (const lines of refreshedLines) {
      expect(lines.length).toBeGreaterThanOrEqual(REFRESH_CYCLES)
      const validUntil = lines.map((line) => line.slice(line.indexOf('valid until ')))
      expect(new Set(validUntil).size).toBe(validUntil.length)
    }
  })
})
