import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { SCREENSHOT_DIR } from './paths'

/** Debian's Chromium; `PLINTO_E2E_CHROMIUM` points elsewhere. Never a Playwright download. */
export const CHROMIUM_PATH = process.env.PLINTO_E2E_CHROMIUM || '/usr/bin/chromium'

/**
 * `PLINTO_E2E_HEADED=1` shows the browser (needs a display, e.g. `xvfb-run`); `PLINTO_E2E_SLOWMO=250` slows every
 * action.
 */
const headed = process.env.PLINTO_E2E_HEADED === '1'
const slowMo = Number(process.env.PLINTO_E2E_SLOWMO ?? 0) || 0

// Flags that work on CI machines (root, no network, no GPU). Playwright adds `--headless` (unless headed)
// and a fresh `--user-data-dir` in a temporary directory for every launch, deleted on close.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Launches Chromium with a fresh profile; `extraArgs` add flags (e.g. PINNED_RENDERING_ARGS). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: !headed,
    slowMo,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  })
}

/** What a page printed and threw, for the failure report. */
const pageLogs = new WeakMap<Page, string[]>()

/**
 * A new tab in `context`, with a 15 s default for waits and its console and uncaught errors recorded
 * (printed by the harness when a test fails).
 */
export async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const log: string[] = []
  pageLogs.set(page, log)
  page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`))
  page.on('pageerror', (error) => log.push(`uncaught: ${error.stack ?? error.message}`))
  return page
}

/** The console lines and uncaught errors of a page opened with {@link openPage}. */
export function pageLog(page: Page): readonly string[] {
  return pageLogs.get(page) ?? []
}

/** Writes `artifacts/e2e/<name>.png` (full page) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}

export interface VirtualAuthenticator {
  readonly authenticatorId: string
  /** The credentials (passkeys) it holds. */
  credentials(): Promise<
    Array<{ credentialId: string; rpId?: string; isResidentCredential: boolean; signCount: number }>
  >
  remove(): Promise<void>
}

/**
 * Gives `page` a platform authenticator through the DevTools protocol: CTAP2, internal transport,
 * resident keys, user verification that always succeeds and presence simulated automatically, so
 * `navigator.credentials.create()/get()` complete without a prompt. Works on `http://localhost:PORT`
 * (a secure context) with RP ID `localhost`.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable', { enableUI: false })
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return {
    authenticatorId,
    async credentials() {
      return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials
    },
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId })
      await cdp.detach()
    },
  }
}
