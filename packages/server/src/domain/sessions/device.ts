import Bowser from 'bowser'
import type { SessionDevice } from '@plinto/contract'

/**
 * Describes the device behind a User-Agent for the session list (`Chrome on macOS`, `Safari on iOS`).
 * Parsed with bowser (MIT, pure JS). The type is `desktop`, `mobile` or `tablet`; anything bowser cannot
 * place (curl, an SDK in Node, no header) is `unknown` with the name `Unknown device`. TVs and other
 * platforms count as `unknown` too: the contract names only the three kinds of screen.
 */
export function parseDevice(userAgent: string | null): SessionDevice {
  const text = userAgent?.trim() ?? ''
  if (text === '') return { type: 'unknown', name: 'Unknown device', os: null, browser: null }
  const parsed = Bowser.parse(text)
  const browser = parsed.browser.name || null
  const os = parsed.os.name || null
  const platform = parsed.platform.type
  const type = platform === 'desktop' || platform === 'mobile' || platform === 'tablet' ? platform : 'unknown'
  const name = browser && os ? `${browser} on ${os}` : (browser ?? os ?? 'Unknown device')
  return { type, name, os, browser }
}
