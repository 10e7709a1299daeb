import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import type { AppearanceElement } from '../appearance/appearance'
import type { Ui } from '../internal/use-ui'

export interface MenuProps {
  ui: Ui
  id: string
  labelledBy: string
  /** Which item takes focus when the menu opens. */
  initialFocus: 'first' | 'last'
  onClose: (returnFocus: boolean) => void
  /** The element class of the list: the user menu's or a row's. */
  element?: AppearanceElement
  children: ReactNode
}

const items = (menu: HTMLElement | null) =>
  Array.from(menu?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])

/**
 * A WAI-ARIA menu: arrow keys move between items (wrapping), Home/End jump, Escape closes and returns
 * focus to the button, Tab closes and lets focus move on. Items are focused with roving focus
 * (`tabIndex=-1` plus `focus()`), so the menu is one Tab stop.
 */
export function Menu({ ui, id, labelledBy, initialFocus, onClose, element = 'userButtonMenu', children }: MenuProps) {
  const menu = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const all = items(menu.current)
    ;(initialFocus === 'first' ? all[0] : all.at(-1))?.focus()
  }, [initialFocus])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items(menu.current)
    const index = all.indexOf(document.activeElement as HTMLElement)
    const focus = (next: number) => all[(next + all.length) % all.length]?.focus()
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1)
        break
      case 'ArrowUp':
        focus(index - 1)
        break
      case 'Home':
        focus(0)
        break
      case 'End':
        focus(all.length - 1)
        break
      case 'Escape':
        onClose(true)
        break
      case 'Tab':
        onClose(false)
        return // let the browser move focus
      default:
        return
    }
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div ref={menu} id={id} role="menu" aria-labelledby={labelledBy} className={ui.cx(element)} onKeyDown={onKeyDown}>
      {children}
    </div>
  )
}
