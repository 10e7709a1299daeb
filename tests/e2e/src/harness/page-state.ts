import type { Page } from 'playwright-core'

/** The client's `getSnapshot().status` as the page shows it: `loading`, `signed_in` or `signed_out`. */
export function sessionStatus(page: Page): Promise<string | undefined> {
  return page.locator('#status').evaluate((element) => (element as HTMLElement).dataset.status)
}

/** Waits until the page shows `status`. */
export async function waitForStatus(page: Page, status: 'signed_in' | 'signed_out', timeout?: number): Promise<void> {
  await page.locator(`#status[data-status="${status}"]`).waitFor(timeout === undefined ? {} : { timeout })
}

/** The event log, oldest first, as `name detail` lines. */
export async function eventLog(page: Page): Promise<string[]> {
  const lines = await page
    .locator('#event-log li')
    .evaluateAll((items) =>
      items.map(
        (item) => `${item.querySelector('strong')?.textContent ?? ''} ${item.querySelector('span')?.textContent ?? ''}`,
      ),
    )
  return lines.reverse()
}

/** How many `tokenRefreshed` events the page has counted. */
export async function refreshCount(page: Page): Promise<number> {
  return Number(await page.locator('#refresh-count').textContent())
}
