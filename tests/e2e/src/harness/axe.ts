import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'

/** One axe-core rule a page breaks, with the elements that break it. */
export interface AccessibilityViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** Makes axe-core available in every page of `context` (call before opening them). */
export async function installAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: AXE_SCRIPT })
}

/**
 * Runs axe-core on `selector` (default the whole page) against WCAG 2.1 A and AA, in the real browser:
 * unlike jsdom it sees colours, so contrast is checked too. The page's context must have {@link installAxe}.
 */
export async function accessibilityViolations(page: Page, selector = 'body'): Promise<AccessibilityViolation[]> {
  return page.evaluate(async (root) => {
    type AxeResult = {
      violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }>
    }
    const { axe } = window as unknown as { axe?: { run(context: Element, options: object): Promise<AxeResult> } }
    if (!axe) throw new Error('axe-core is not in the page: call installAxe(context) before opening it')
    const { violations } = await axe.run(document.querySelector(root)!, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      targets: nodes.map((node) => node.target.join(' ')),
    }))
  }, selector)
}

/** The violations as readable lines, for `expect(...).toEqual([])`. */
export function describeViolations(where: string, violations: AccessibilityViolation[]): string[] {
  return violations.map(
    ({ id, impact, help, targets }) => `${where}: axe ${id} (${impact}): ${help}: ${targets.join(', ')}`,
  )
}
