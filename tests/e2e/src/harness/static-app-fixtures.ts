import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import { launchBrowser, openPage, pageLog, screenshot } from './browser'
import { serveBuild, type ServedApp, type TokenStorageMode } from './example-app'
import { startPlintoServer, type PlintoServer } from './plinto-server'

export interface VanillaFixtureOptions {
  tokenStorage?: TokenStorageMode
  /** Access token lifetime in seconds for this file's server. */
  accessTokenTtl?: number
}

export interface VanillaFixture {
  readonly browser: Browser
  readonly app: ServedApp
  readonly server: PlintoServer
  /** A fresh browser context (its own storage and cookies), closed after the test. */
  newContext(): Promise<BrowserContext>
  /** A new tab in `context` on the example's page (optionally a path such as `/verify-email?token=…`). */
  openApp(context: BrowserContext, path?: string): Promise<Page>
}

/**
 * Everything a test file needs to drive examples/vanilla: its production build served on localhost, a
 * reference server on the port the build points at, and Chromium. Registers the hooks that start and stop
 * them; when a test fails, every open tab is screenshotted (`artifacts/e2e/failed-*.png`) and its console printed.
 */
export function useVanilla({ tokenStorage = 'localStorage', accessTokenTtl }: VanillaFixtureOptions = {}): VanillaFixture {
  const { apiPort, builds } = inject('e2e')
  let browser: Browser | undefined
  let app: ServedApp | undefined
  let server: PlintoServer | undefined
  const contexts = new Set<BrowserContext>()

  beforeAll(async () => {
    app = await serveBuild(builds[tokenStorage])
    server = await startPlintoServer({ port: apiPort, appOrigin: app.origin, ...(accessTokenTtl === undefined ? {} : { accessTokenTtl }) })
    browser = await launchBrowser()
  })

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      let tab = 0
      for (const page of [...contexts].flatMap((context) => context.pages())) {
        tab++
        await screenshot(page, `failed-${task.name}-${tab}`).catch(() => undefined)
        console.error(`--- tab ${tab} (${page.url()}) in "${task.name}":\n${pageLog(page).join('\n') || '(no console output)'}`)
      }
    }
    await Promise.all([...contexts].map((context) => context.close()))
    contexts.clear()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
    await app?.close()
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
      return ready(app, 'the example app')
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
      await page.goto(new URL(path, ready(app, 'the example app').origin).href)
      return page
    },
  }
}
