import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeViolations } from './harness/axe'
import { launchBrowser, pageLog, screenshot } from './harness/browser'
import {
  PINNED_CONTEXT_OPTIONS,
  PINNED_RENDERING_ARGS,
  pinRendering,
  stableScreenshot,
  waitUntilSettled,
} from './harness/pinned-rendering'
import { openStorybookPreview, type StorybookPreview } from './harness/storybook-preview'
import {
  ensureStorybookBuild,
  readStoryIndex,
  serveStatic,
  STORYBOOK_STATIC_DIR,
  type StaticSite,
  type StoryEntry,
} from './harness/storybook-static'
import { updatingBaselines, visualCheck } from './harness/visual-baseline'

// Storybook's static build in Chromium: every story, with the mock backend the stories use (MSW's service
// worker answering with @plinto/testing's handlers, i.e. the reference server's app running in the page).
// Every story is shown in both color schemes (the toolbar's `scheme` global) at 1100 px, and the stories
// tagged `narrow` also at 360 px; each rendering must pass the functional checks and axe, and look like
// its committed baseline (tests/e2e/visual-baselines/, harness/visual-baseline.ts). Rendering is pinned
// (harness/pinned-rendering.ts) so the same machine image gives the same pixels.

/** The API URL of the stories' clients (`API_URL` in packages/ui/src/stories/plinto-mock.ts); MSW answers it. */
const STORY_API_ORIGIN = 'http://localhost:8000'
/** UserButton and UserProfile render nothing for a signed-out user; their "Signed Out" stories show that. */
const RENDERS_NOTHING = /--signed-out$/
/** Key screens, written to artifacts/e2e/storybook-<id>.png. */
const SCREENSHOTS = new Set([
  'components-signin--empty',
  'components-signin--mfa-step',
  'components-signup--verification-notice',
  'components-userbutton--menu-open',
  'components-userprofile--loaded',
  'components-organizationswitcher--open',
  'components-organizationprofile--as-owner',
])

/**
 * The renderings: every story in both schemes (a Storybook global) at 1100 px; the stories tagged `narrow`
 * (the screens whose layout changes on a phone) at 360 px too, in the light scheme: the layout does not
 * depend on the scheme, and the dark colors are already checked at full width.
 */
const RENDERINGS = [
  { name: 'light', scheme: 'light', width: 1100, narrowOnly: false },
  { name: 'dark', scheme: 'dark', width: 1100, narrowOnly: false },
  { name: 'narrow', scheme: 'light', width: 360, narrowOnly: true },
] as const
const NARROW_TAG = 'narrow'

let stories: StoryEntry[]
let site: StaticSite | undefined
let browser: Browser | undefined
let preview: StorybookPreview
const update = updatingBaselines()
const visual = visualCheck({ update })

beforeAll(async () => {
  await ensureStorybookBuild()
  stories = await readStoryIndex()
  site = await serveStatic(STORYBOOK_STATIC_DIR)
  browser = await launchBrowser(PINNED_RENDERING_ARGS)
  const context = await browser.newContext({ ...PINNED_CONTEXT_OPTIONS, viewport: { width: 1100, height: 900 } })
  await pinRendering(context)
  preview = await openStorybookPreview(context, site.origin, { storyApiOrigin: STORY_API_ORIGIN })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('Storybook (static build) in Chromium', () => {
  describe.each(RENDERINGS)('$name ($width px)', ({ name: rendering, scheme, width, narrowOnly }) => {
    test('every story renders, its play function passes, nothing logs an error, axe finds no WCAG 2.1 AA violation, and it looks like its visual baseline', {
      timeout: 600_000,
    }, async () => {
      const selected = stories.filter((story) => !narrowOnly || story.tags.includes(NARROW_TAG))
      expect(selected.length).toBeGreaterThan(0)
      await preview.page.setViewportSize({ width, height: 900 })
      const problems: string[] = []
      for (const { id } of selected) {
        const before = problems.length
        const where = `${id} (${rendering})`
        const outcome = await preview.show(id, { scheme }).catch((error: unknown) => {
          problems.push(`${where}: ${(error as Error).message}\n${pageLog(preview.page).slice(-10).join('\n')}`)
          return undefined
        })
        if (outcome) {
          if (outcome.status !== 'success')
            problems.push(`${where}: Storybook reports an error (render, loader or play function)`)
          if (outcome.errors.length > 0) problems.push(`${where}:\n  ${outcome.errors.join('\n  ')}`)
          if (outcome.rendered === RENDERS_NOTHING.test(id))
            problems.push(`${where}: ${outcome.rendered ? 'rendered content, expected none' : 'rendered nothing'}`)
          const url = new URL(outcome.url)
          if (
            url.pathname !== '/iframe.html' ||
            url.searchParams.get('id') !== id ||
            url.searchParams.get('viewMode') !== 'story'
          )
            problems.push(`${where}: the preview is at ${outcome.url}`)
          if (outcome.status === 'success') {
            problems.push(...describeViolations(where, await preview.accessibilityViolations()))
            await waitUntilSettled(preview.page)
            const name = `${id}.${rendering}`
            let failure = await visual.check(name, await stableScreenshot(preview.page), { artifacts: update })
            if (failure && !update) {
              // Once more from the start: a play function racing the mock server (focus kept or lost
              // while a request fails fast) can rarely end in another state. A real change fails twice.
              await preview.show(id, { scheme })
              await waitUntilSettled(preview.page)
              failure = await visual.check(name, await stableScreenshot(preview.page))
              if (!failure) console.warn(`visual: ${name} matched its baseline on the second attempt only`)
            }
            if (failure) problems.push(failure)
          }
        }
        if (problems.length > before) await screenshot(preview.page, `failed-storybook-${id}.${rendering}`)
        else if (rendering === 'light' && SCREENSHOTS.has(id)) await screenshot(preview.page, `storybook-${id}`)
      }
      expect(problems).toEqual([])
      // Every key screen is a story that still exists.
      expect([...SCREENSHOTS].filter((id) => !stories.some((story) => story.id === id))).toEqual([])
    })
  })

  test('no visual baseline is left over from a story or rendering that is gone', async () => {
    const names = RENDERINGS.flatMap(({ name, narrowOnly }) =>
      stories.filter((story) => !narrowOnly || story.tags.includes(NARROW_TAG)).map(({ id }) => `${id}.${name}`),
    )
    expect(await visual.staleBaselines(names)).toEqual([])
  })

  test('stories get their data from the reference server through MSW’s service worker', async () => {
    await preview.page.setViewportSize({ width: 1100, height: 900 })
    const outcome = await preview.show('components-userprofile--loaded', { scheme: 'light' })
    expect(outcome).toMatchObject({ status: 'success', errors: [] })
    const { page } = preview
    // The page's requests go through MSW's worker…
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${site!.origin}/mockServiceWorker.js`,
    )
    // …which answers with the user the story's loader seeded and signed in, and her sessions.
    const root = page.locator('#storybook-root')
    await root.getByText('ada@example.com').first().waitFor()
    expect(await root.getByRole('textbox', { name: 'First name (optional)' }).inputValue()).toBe('Ada')
    expect(await root.getByRole('textbox', { name: 'Last name (optional)' }).inputValue()).toBe('Lovelace')
    // Her sessions are in the Sessions pane (its own story since the panes).
    expect(await preview.show('components-userprofile--sessions-pane', { scheme: 'light' })).toMatchObject({
      status: 'success',
      errors: [],
    })
    await page.locator('#storybook-root').getByText('This device').waitFor()

    expect(await preview.show('components-organizationswitcher--open', { scheme: 'light' })).toMatchObject({
      status: 'success',
      errors: [],
    })
    await root.getByRole('menuitemradio', { name: /Acme Corp/ }).waitFor()
    await root.getByRole('menuitemradio', { name: /Beta Labs/ }).waitFor()
  })
})
