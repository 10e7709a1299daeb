import { createContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { PrimaryActionScope } from '../internal/primary-action'
import type { Ui } from '../internal/use-ui'

/**
 * The open pane's title, for the sections inside: a section titled like its pane ("Members" in Members) keeps
 * its heading for screen readers (it names the section's region) but does not show it twice.
 */
export const PaneTitleContext = /* @__PURE__ */ createContext<string | undefined>(undefined)

/** One pane of a settings screen. */
export interface Pane<Id extends string = string> {
  id: Id
  label: string
  content: ReactNode
}

export interface PanesProps<Id extends string> {
  ui: Ui
  /** Accessible name of the tab list ("Account settings"). */
  label: string
  /** The panes to offer, in order (only those with something to show). */
  panes: readonly Pane<Id>[]
  /** The pane shown. */
  active: Id
  onChange: (id: Id) => void
}

/**
 * Navigable panes: a WAI-ARIA tab list (vertical beside the pane on wide screens, a horizontal scroller above
 * it when narrow) with MANUAL activation, as the APG tabs pattern recommends when showing a pane loads data:
 * arrow keys (either axis, wrapping), Home and End move focus between tabs; Enter, Space or a click shows the
 * pane, and focus then moves to the pane's heading so that keyboard and screen-reader users land in the new
 * content (it is announced with its name). The tab list is one Tab stop (roving tabindex on the selected tab).
 * A single pane is shown without a tab list. Only the active pane is mounted: each pane loads its data when
 * it is opened.
 */
export function Panes<Id extends string>({ ui, label, panes, active, onChange }: PanesProps<Id>): ReactNode {
  const id = `plinto-${useId()}`
  const tabs = useRef<HTMLDivElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  // Focus moves to the heading only after a switch the person made here, never on the first render.
  const [switched, setSwitched] = useState(0)
  const current = panes.find((pane) => pane.id === active) ?? panes[0]

  useEffect(() => {
    if (switched) heading.current?.focus()
  }, [switched])

  if (!current) return null
  if (panes.length === 1)
    return (
      <div className={ui.cx('panePanel')}>
        <PrimaryActionScope key={current.id}>{current.content}</PrimaryActionScope>
      </div>
    )

  const select = (pane: Id) => {
    if (pane !== current.id) onChange(pane)
    setSwitched((count) => count + 1)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = Array.from(tabs.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])
    const index = all.indexOf(document.activeElement as HTMLElement)
    const focus = (next: number) => all[(next + all.length) % all.length]?.focus()
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        focus(index + 1)
        break
      case 'ArrowUp':
      case 'ArrowLeft':
        focus(index - 1)
        break
      case 'Home':
        focus(0)
        break
      case 'End':
        focus(all.length - 1)
        break
      default:
        return
    }
    event.preventDefault()
  }

  return (
    <div className={ui.cx('panes')}>
      <div
        ref={tabs}
        role="tablist"
        aria-label={label}
        // Vertical beside the pane; the keys above work on both axes, so the narrow layout needs no change.
        aria-orientation="vertical"
        className={ui.cx('paneTabs')}
        onKeyDown={onKeyDown}
      >
        {panes.map((pane) => {
          const selected = pane.id === current.id
          return (
            <button
              key={pane.id}
              type="button"
              role="tab"
              id={`${id}-tab-${pane.id}`}
              aria-selected={selected}
              aria-controls={selected ? `${id}-panel` : undefined}
              tabIndex={selected ? 0 : -1}
              data-pane={pane.id}
              className={ui.cx('paneTab', selected ? 'selected' : undefined)}
              onClick={() => select(pane.id)}
            >
              {pane.label}
            </button>
          )
        })}
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${current.id}`}
        className={ui.cx('panePanel')}
      >
        <h2 ref={heading} tabIndex={-1} className={ui.cx('paneTitle')}>
          {current.label}
        </h2>
        <PaneTitleContext.Provider value={current.label}>
          <PrimaryActionScope key={current.id}>{current.content}</PrimaryActionScope>
        </PaneTitleContext.Provider>
      </div>
    </div>
  )
}
