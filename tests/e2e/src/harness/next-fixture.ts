import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchBrowser, openPage, pageLog, screenshot } from './browser'
import { buildNextExample, startNextApp, type NextApp } from './next-app'
import { startPlintoServer, type PlintoServer } from './plinto-server'
import { freePort } from './ports'

export interface NextFixtureOptions {
  /** `PLINTO_TOKEN_STORAGE` of the app (default `localStorage`). */
  tokenStorage?: 'localStorage' | 'cookie'
  /** Access token lifetime in seconds for this fixture's reference server. */
  accessTokenTtl?: number
}

export interface NextFixture {
  readonly browser: Browser
  readonly app: NextApp
  readonly server: PlintoServer
  /** A fresh browser context (its own storage and cookies), closed after the test. */
  newContext(): Promise<BrowserContext>
  /** A new tab in `context` on `path` of the app (default `/`). */
  openApp(context: BrowserContext, path?: string): Promise<Page>
}

// One `next build` per test file, shared by every fixture of the file.
let build: Promise<void> | undefined

/**
 * Everything a test file needs to drive examples/nextjs: its production build served by `next start` on
 * localhost, a reference server that allows the app's origin, and Chromium. Registers the hooks that start
 * and stop them in the current `describe` (use it at the top of the file or of a describe block). When a
 * test fails, every open tab is screenshotted (`artifacts/e2e/failed-next-*.png`) and its console printed,
 * with the Next.js server's output.
 */
export function useNextExample({ tokenStorage, accessTokenTtl }: NextFixtureOptions = {}): NextFixture {
  let browser: Browser | undefined
  let app: NextApp | undefined
  let server: PlintoServer | undefined
  const contexts = new Set<BrowserContext>()

  beforeAll(async () => {
    await (build ??= buildNextExample())
    const [appPort, apiPort] = [await freePort(), await freePort()]
    const origin = `http://localhost:${appPort}`
    server = await startPlintoServer({ port: apiPort, appOrigin: origin, ...(accessTokenTtl === undefined ? {} : { accessTokenTtl }) })
    app = await startNextApp({ port: appPort, apiUrl: server.url, ...(tokenStorage === undefined ? {} : { tokenStorage }) })
    browser = await launchBrowser()
  }, 300_000) // the first fixture of a file builds the app

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      let tab = 0
      for (const page of [...contexts].flatMap((context) => context.pages())) {
        tab++
        await screenshot(page, `failed-next-${task.name}-${tab}`).catch(() => undefined)
        console.error(`--- tab ${tab} (${page.url()}) in "${task.name}":\n${pageLog(page).join('\n') || '(no console output)'}`)
      }
      console.error(`--- next start output:\n${app?.output() || '(none)'}`)
    }
    await Promise.all([...contexts].map((context) => context.close()))
    contexts.clear()
  })

  // Each step runs even if an earlier one fails: the Next.js server must never outlive the file.
  afterAll(async () => {
    const results = await Promise.allSettled([browser?.close(), app?.close(), server?.dispose()])
    const failure = results.find((result) => result.status === 'rejected')
    if (failure) throw failure.reason
  })

  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not started (use it inside a test)`)
    return value
  }

  return {
    get browser() {
      return ready(browser, 'the browser')
    },
    get app() {
      return ready(app, 'the Next.js app')
    },
    get server() {
      return ready(server, 'the reference server')
    },
    async newContext() {
      const context = await ready(browser, 'the browser').newContext({ viewport: { width: 1100, height: 900 } })
      contexts.add(context)
      return context
    },
    async openApp(context, path = '/') {
      const page = await openPage(context)
      await page.goto(new URL(path, ready(app, 'the Next.js app').origin).href)
      return page
    },
  }
}
