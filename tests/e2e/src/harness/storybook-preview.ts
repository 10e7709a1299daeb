import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core'
import { accessibilityViolations, installAxe, type AccessibilityViolation } from './axe'
import { openPage } from './browser'

/** How one story ended up. */
export interface StoryOutcome {
  /** Storybook's verdict (`storyFinished`): render, loaders and play function all passed, or not. */
  status: 'success' | 'error'
  /** Uncaught page errors and console errors seen while the story loaded and played, minus the allowed ones. */
  errors: string[]
  /** The page's URL once the story is shown. */
  url: string
  /** Whether the story shows anything a user can see or use: text, a control or an image. */
  rendered: boolean
}

/** A tab on Storybook's preview (`iframe.html`), showing one story after another. */
export interface StorybookPreview {
  readonly page: Page
  /**
   * Shows the story `id` in `viewMode=story`, waits until Storybook has finished it (play function included).
   * `globals` (e.g. `{ scheme: 'dark' }`, the toolbar's color scheme) reload the preview when they change.
   */
  show(id: string, globals?: Record<string, string>): Promise<StoryOutcome>
  /**
   * Runs axe-core on what the story shows (`#storybook-root`) against WCAG 2.1 A and AA, in the real
   * browser: unlike jsdom it sees colours, so contrast is checked too.
   */
  accessibilityViolations(): Promise<AccessibilityViolation[]>
}

// Storybook's preview talks to its manager over a channel (`window.__STORYBOOK_ADDONS_CHANNEL__`). The page
// notes every `storyFinished` event, which Storybook sends once a story's loaders, render and play function
// are done; the property is trapped from the start, so the first story's event is not missed.
function recordFinishedStories(): void {
  const finished: Record<string, string> = {}
  let channel: { on(event: string, listener: (payload: { storyId: string; status: string }) => void): void } | undefined
  Object.defineProperty(window, '__plintoFinishedStories', { value: finished })
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value: typeof channel) {
      channel = value
      value?.on('storyFinished', ({ storyId, status }) => (finished[storyId] = status))
    },
  })
}

/**
 * The console errors that say nothing about a bug. Chromium logs every response of 400 or more, and every
 * failed request, as a console error ("Failed to load resource"):
 * - Many stories show a component's error state on purpose, through @plinto/testing's faults: a 401, 409,
 *   429 or 500 answer, or a network error, from the stories' API (`storyApiOrigin`, answered by MSW).
 *   Their play functions check what the component shows.
 * - `iframe.html` declares no icon, so Chromium asks for `/favicon.ico`, which a Storybook build lacks.
 */
function isExpectedConsoleError(message: ConsoleMessage, origin: string, storyApiOrigin: string): boolean {
  const url = message.location().url
  return (
    message.text().startsWith('Failed to load resource') &&
    (url.startsWith(`${storyApiOrigin}/`) || url === `${origin}/favicon.ico`)
  )
}

/**
 * Opens Storybook's preview of the static build at `origin` in a new tab of `context`. The first story is
 * loaded through `iframe.html?id=…&viewMode=story`; the next ones are selected the way Storybook's own UI
 * does it (the `setCurrentStory` event; the preview then updates its URL to the story's), which skips
 * reloading the whole preview bundle and its service worker for every story.
 */
export async function openStorybookPreview(
  context: BrowserContext,
  origin: string,
  { storyApiOrigin }: { storyApiOrigin: string },
): Promise<StorybookPreview> {
  await context.addInitScript(recordFinishedStories)
  await installAxe(context)
  const page = await openPage(context)
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedConsoleError(message, origin, storyApiOrigin))
      errors.push(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`))
  let current: string | undefined
  let currentGlobals: string | undefined

  return {
    page,
    async show(id, globals = {}) {
      errors.length = 0
      // Storybook's URL form of globals: `globals=key:value;key:value`.
      const globalsParam = Object.entries(globals)
        .map(([key, value]) => `${key}:${value}`)
        .join(';')
      const url = `${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story${globalsParam ? `&globals=${encodeURIComponent(globalsParam)}` : ''}`
      if (current === undefined || current === id || currentGlobals !== globalsParam) {
        await page.goto(url)
      } else {
        await page.evaluate((storyId) => {
          const finished = (window as unknown as { __plintoFinishedStories: Record<string, string> })
            .__plintoFinishedStories
          delete finished[storyId]
          const channel = (
            window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, payload: unknown): void } }
          ).__STORYBOOK_ADDONS_CHANNEL__
          channel.emit('setCurrentStory', { storyId, viewMode: 'story' })
        }, id)
      }
      current = id
      currentGlobals = globalsParam
      const status = await page.waitForFunction(
        (storyId) =>
          (window as unknown as { __plintoFinishedStories: Record<string, string> }).__plintoFinishedStories[storyId],
        id,
      )
      const rendered = await page.locator('#storybook-root').evaluate(
        (root) =>
          // biome-ignore lint/performance/useDomNodeTextContent: innerText leaves out hidden text, which must not count as rendered content
          (root as HTMLElement).innerText.trim() !== '' ||
          root.querySelector('button, a[href], input, select, textarea, img, svg, [role]') !== null,
      )
      return {
        status: (await status.jsonValue()) === 'success' ? 'success' : 'error',
        errors: [...errors],
        url: page.url(),
        rendered,
      }
    },
    accessibilityViolations: () => accessibilityViolations(page, '#storybook-root'),
  }
}
