import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'

// What makes a screenshot the same pixels run after run on the same machine image. The stories bring their
// own font (Inter, bundled by .storybook/preview.ts), so nothing here depends on the system's fonts except
// the few stories that ask for Georgia or Courier New on purpose.

/**
 * Chromium flags for reproducible text and color: no hinting and no subpixel (LCD) antialiasing, which
 * vary with the host's font configuration; colors in sRGB whatever the display profile; software
 * rendering (`--disable-gpu`, already in the harness's flags).
 */
export const PINNED_RENDERING_ARGS = [
  '--font-render-hinting=none',
  '--disable-lcd-text',
  '--force-color-profile=srgb',
  '--disable-font-subpixel-positioning',
  '--hide-scrollbars',
]

/**
 * The instant every story runs at (`Date.now()` and `new Date()` in the page, where the reference server
 * runs under MSW too): the dates the account screens print (last active, passkey created, invitation
 * expires) are the same every run. Timers keep running.
 */
export const FIXED_TIME = new Date('2026-03-14T15:09:26Z')

/** One CSS pixel per device pixel, a fixed locale and time zone, light OS preference, reduced motion. */
export const PINNED_CONTEXT_OPTIONS: BrowserContextOptions = {
  deviceScaleFactor: 1,
  locale: 'en-US',
  timezoneId: 'UTC',
  colorScheme: 'light',
  reducedMotion: 'reduce',
}

// Animations and transitions would be caught mid-way; the text caret blinks.
const STILL_CSS = `*, *::before, *::after {
  animation: none !important;
  transition: none !important;
  caret-color: transparent !important;
  scroll-behavior: auto !important;
}`

function addStillStyle(css: string): void {
  const add = () => {
    const style = document.createElement('style')
    style.dataset.pinnedRendering = ''
    style.textContent = css
    document.head.append(style)
  }
  if (document.head) add()
  else document.addEventListener('DOMContentLoaded', add, { once: true })
}

/** Applies the fixed clock and the still styles to every page of `context` (call before opening pages). */
export async function pinRendering(context: BrowserContext): Promise<void> {
  await context.clock.setFixedTime(FIXED_TIME)
  await context.addInitScript(addStillStyle, STILL_CSS)
}

/**
 * Waits until the page has nothing left to change: no request started or finished for `quietMs` (requests
 * a Loading story holds on purpose stay pending and do not block), web fonts loaded, and two frames drawn.
 */
export async function waitUntilSettled(page: Page, quietMs = 150, maxMs = 5_000): Promise<void> {
  let lastActivity = Date.now()
  const touch = () => {
    lastActivity = Date.now()
  }
  page.on('request', touch)
  page.on('requestfinished', touch)
  page.on('requestfailed', touch)
  try {
    const start = Date.now()
    while (Date.now() - lastActivity < quietMs && Date.now() - start < maxMs) await page.waitForTimeout(quietMs / 3)
    await page.evaluate(async () => {
      await document.fonts.ready
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    })
  } finally {
    page.off('request', touch)
    page.off('requestfinished', touch)
    page.off('requestfailed', touch)
  }
}

/**
 * The part of the page a story's screenshot shows: the box around everything inside the story's canvas
 * (`[data-story-canvas]`, with-plinto.tsx), popovers included, plus the canvas's own 32 px padding: the
 * empty rest of the page is left out, which keeps the baselines small.
 */
export async function storyClip(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-story-canvas]') ?? document.body
    let right = 0
    let bottom = 0
    for (const element of canvas.querySelectorAll('*')) {
      const box = element.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      right = Math.max(right, box.right + window.scrollX)
      bottom = Math.max(bottom, box.bottom + window.scrollY)
    }
    const pageWidth = document.documentElement.scrollWidth
    const pageHeight = document.documentElement.scrollHeight
    return {
      x: 0,
      y: 0,
      width: Math.min(pageWidth, Math.ceil(right) + 32),
      height: Math.min(pageHeight, Math.max(64, Math.ceil(bottom) + 32)),
    }
  })
}

/**
 * What differs on every run by design and is painted over in screenshots: the TOTP set-up's QR code and
 * secret, and backup codes (random by nature). Their `appearance.elements` keys (`qrCode`, `secret`,
 * `codeList`) give them these classes; the box around them is still compared. Also the fields holding a
 * one-time code a story typed (an emailed, texted or authenticator code: random, or a wrong one derived from it).
 */
export const VOLATILE_SELECTORS = [
  '.plinto-qr-code',
  '.plinto-secret',
  '.plinto-code-list code',
  'input[autocomplete="one-time-code"]',
]

/**
 * A screenshot of `clip` taken until two in a row are identical (at most `attempts`): whatever still moved
 * after {@link waitUntilSettled} (a late re-render) has stopped by then.
 */
export async function stableScreenshot(page: Page, attempts = 4): Promise<Buffer> {
  let previous: Buffer | undefined
  for (let attempt = 0; attempt < attempts; attempt++) {
    const clip = await storyClip(page)
    const shot = await page.screenshot({
      clip,
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      mask: VOLATILE_SELECTORS.map((selector) => page.locator(selector)),
      maskColor: '#808080',
    })
    if (previous?.equals(shot)) return shot
    previous = shot
    await page.waitForTimeout(100)
  }
  return previous!
}
