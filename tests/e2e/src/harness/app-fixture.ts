import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchBrowser, openPage, pageLog, screenshot } from './browser'
import type { PlintoServer } from './plinto-server'

/** An app under test, served on `origin` (`http://localhost:PORT`). */
export interface RunningApp {
  readonly origin: string
  close(): Promise<void>
  /** What the app's own server printed, shown when a test fails (the Next.js server has one). */
  output?(): string
}

/** What a test file drives: Chromium, the app and the reference server it talks to. */
export interface AppFixture<App extends RunningApp> {
  readonly browser: Browser
  readonly app: App
  readonly server: PlintoServer
  /** A fresh browser context (its own storage and cookies: another device), closed after the test. */
  newContext(): Promise<BrowserContext>
  /** A new tab in `context` on a page of the app (default `/`, or a path such as `/verify-email?token=…`). */
  openApp(context: BrowserContext, path?: string): Promise<Page>
  /** The absolute URL of a page of the app. */
  url(path: string): string
}

export interface AppFixtureSetup<App extends RunningApp> {
  /** Names the app in messages and failure screenshots (`failed-<label>-<test>-<tab>.png`). */
  label: string
  /** Starts the app and the reference server, in whatever order they need each other's address. */
  start(): Promise<{ app: App; server: PlintoServer }>
  /** For `beforeAll`: long enough for what `start` builds. */
  startTimeout?: number
}

/**
 * The hooks every example's fixture needs, registered in the current file or `describe`: start the app,
 * the server and Chromium before the tests; after each test close its contexts, and when it failed,
 * screenshot every open tab (`artifacts/e2e/failed-*.png`) and print its console (and the app server's
 * output); after the file stop all three, each even when another fails to stop, so no server outlives it.
 */
export function useAppFixture<App extends RunningApp>({
  label,
  start,
  startTimeout,
}: AppFixtureSetup<App>): AppFixture<App> {
  let browser: Browser | undefined
  let app: App | undefined
  let server: PlintoServer | undefined
  const contexts = new Set<BrowserContext>()

  beforeAll(async () => {
    ;({ app, server } = await start())
    browser = await launchBrowser()
  }, startTimeout)

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      let tab = 0
      for (const page of [...contexts].flatMap((context) => context.pages())) {
        tab++
        await screenshot(page, `failed-${label}-${task.name}-${tab}`).catch(() => undefined)
        console.error(
          `--- tab ${tab} (${page.url()}) in "${task.name}":\n${pageLog(page).join('\n') || '(no console output)'}`,
        )
      }
      const output = app?.output?.()
      if (output !== undefined) console.error(`--- ${label} server output:\n${output || '(none)'}`)
    }
    await Promise.all([...contexts].map((context) => context.close()))
    contexts.clear()
  })

  afterAll(async () => {
    const results = await Promise.allSettled([browser?.close(), app?.close(), server?.dispose()])
    const failure = results.find((result) => result.status === 'rejected')
    if (failure) throw failure.reason
  })

  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not started (use it inside a test)`)
    return value
  }
  const url = (path: string) => new URL(path, ready(app, `the ${label} app`).origin).href

  return {
    get browser() {
      return ready(browser, 'the browser')
    },
    get app() {
      return ready(app, `the ${label} app`)
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
      await page.goto(url(path))
      return page
    },
    url,
  }
}
