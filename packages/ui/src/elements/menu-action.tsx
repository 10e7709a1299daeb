import type { ReactNode } from 'react'
import type { Ui } from '../internal/use-ui'

export interface MenuActionProps {
  ui: Ui
  /** A link to this URL, when given. */
  href: string | undefined
  /** Otherwise a button that closes the menu and calls this; with neither, nothing is rendered. */
  onSelect: (() => void) | undefined
  /** Closes the menu (without returning focus: the handler may move it, e.g. into a dialog). */
  onClose: () => void
  children: ReactNode
}

/** A menu item that navigates to a URL or calls the app's handler ("Manage account", "Create organization"). */
export function MenuAction({ ui, href, onSelect, onClose, children }: MenuActionProps) {
  if (href !== undefined) {
    return (
      <a role="menuitem" tabIndex={-1} href={href} className={ui.cx('userButtonMenuItem')}>
        {children}
      </a>
    )
  }
  if (!onSelect) return null
  return (
    <button
      role="menuitem"
      type="button"
      tabIndex={-1}
      className={ui.cx('userButtonMenuItem')}
      onClick={() => {
        onClose()
        onSelect()
      }}
    >
      {children}
    </button>
  )
}
