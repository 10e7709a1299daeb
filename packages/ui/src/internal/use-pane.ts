import { useEffect, useState } from 'react'

/**
 * How a profile component keeps its pane: `virtual` (default) in its own state, or `hash` in the URL's
 * fragment (`/account#security`), so that a pane can be linked to, survives a reload and the browser's back
 * button returns to the previous pane.
 *
 * @example
 * ```tsx
 * <UserProfile routing="hash" />
 * ```
 */
export type PaneRouting = 'virtual' | 'hash'

export interface UsePaneOptions<Id extends string> {
  /** The panes that can be shown, in order: the first is the default. */
  available: readonly Id[]
  /** Controlled pane (with `onChange`). */
  pane: Id | undefined
  defaultPane: Id | undefined
  onChange: ((pane: Id) => void) | undefined
  routing: PaneRouting
}

const fromHash = <Id extends string>(available: readonly Id[]): Id | undefined => {
  if (typeof window === 'undefined') return undefined
  const id = decodeURIComponent(window.location.hash.slice(1))
  return available.find((pane) => pane === id)
}

/**
 * The active pane: the controlled `pane` when given, else internal state (seeded from the URL's hash with
 * `routing: 'hash'`, else `defaultPane`, else the first pane). A pane that is not available falls back to the
 * first. With `hash`, a switch pushes `#<pane>` (history entry, no scroll) and back/forward follow it.
 */
export function usePane<Id extends string>({ available, pane, defaultPane, onChange, routing }: UsePaneOptions<Id>) {
  // The hash is read after mount, not during render: the server has no URL fragment, and the first render must
  // match its HTML.
  const [own, setOwn] = useState<Id | undefined>(defaultPane)
  // The list's content, not its identity (a new array each render), decides when to listen again.
  const key = available.join(' ')
  useEffect(() => {
    if (routing !== 'hash') return
    const ids = key.split(' ') as Id[]
    const sync = () => {
      const hashed = fromHash(ids)
      if (hashed) setOwn(hashed)
    }
    sync()
    window.addEventListener('popstate', sync)
    window.addEventListener('hashchange', sync)
    return () => {
      window.removeEventListener('popstate', sync)
      window.removeEventListener('hashchange', sync)
    }
  }, [routing, key])

  const wanted = pane ?? own
  const active = wanted !== undefined && available.includes(wanted) ? wanted : available[0]
  const change = (next: Id) => {
    if (pane === undefined) setOwn(next)
    if (routing === 'hash' && typeof window !== 'undefined')
      window.history.pushState(window.history.state, '', `#${next}`)
    onChange?.(next)
  }
  return [active, change] as const
}
