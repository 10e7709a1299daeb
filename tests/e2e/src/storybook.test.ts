import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeViolations } from './harness/axe'
import { launchBrowser, pageLog, screenshot } from './harness/browser'
import { openStorybookPreview, type StorybookPreview } from './harness/storybook-preview'
import {
  ensureStorybookBuild,
  readStoryIndex,
  serveStatic,
  STORYBOOK_STATIC_DIR,
  type StaticSite,
  type StoryEntry,
} from './harness/storybook-static'

// Storybook's static build in Chromium: every story, with the mock backend the stories use (MSW's service
// worker answering with @plinto/testing's handlers, i.e. the reference server's app running in the page).

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

let stories: StoryEntry[]
let site: StaticSite | undefined
let browser: Browser | undefined
let preview: StorybookPreview

beforeAll(async () => {
  await ensureStorybookBuild()
  stories = await readStoryIndex()
  site = await serveStatic(STORYBOOK_STATIC_DIR)
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  preview = await openStorybookPreview(context, site.origin, { storyApiOrigin: STORY_API_ORIGIN })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('Storybook (static build) in Chromium', () => {
  test('every story renders, its play function passes, nothing logs an error, and axe finds no WCAG 2.1 AA violation', {
    timeout: 240_000,
  }, async () => {
    expect(stories.length).toBeGreaterThan(0)
    const problems: string[] = []
    for (const { id } of stories) {
      const before = problems.length
      const outcome = await preview.show(id).catch((error: unknown) => {
        problems.push(`${id}: ${(error as Error).message}\n${pageLog(preview.page).slice(-10).join('\n')}`)
        return undefined
      })
      if (outcome) {
        if (outcome.status !== 'success')
          problems.push(`${id}: Storybook reports an error (render, loader or play function)`)
        if (outcome.errors.length > 0) problems.push(`${id}:\n  ${outcome.errors.join('\n  ')}`)
        if (outcome.rendered === RENDERS_NOTHING.test(id))
          problems.push(`${id}: ${outcome.rendered ? 'rendered content, expected none' : 'rendered nothing'}`)
        if (!outcome.url.endsWith(`/iframe.html?id=${id}&viewMode=story`))
          problems.push(`${id}: the preview is at ${outcome.url}`)
        if (outcome.status === 'success')
          problems.push(...describeViolations(id, await preview.accessibilityViolations()))
      }
      if (problems.length > before) await screenshot(preview.page, `failed-storybook-${id}`)
      else if (SCREENSHOTS.has(id)) await screenshot(preview.page, `storybook-${id}`)
    }
    expect(problems).toEqual([])
    // Every key screen is a story that still exists.
    expect([...SCREENSHOTS].filter((id) => !stories.some((story) => story.id === id))).toEqual([])
  })

  test('stories get their data from the reference server through MSW’s service worker', async () => {
    const outcome = await preview.show('components-userprofile--loaded')
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
    await root.getByText('This device').waitFor()

    expect(await preview.show('components-organizationswitcher--open')).toMatchObject({ status: 'success', errors: [] })
    await root.getByRole('menuitemradio', { name: /Acme Corp/ }).waitFor()
    await root.getByRole('menuitemradio', { name: /Beta Labs/ }).waitFor()
  })
})
