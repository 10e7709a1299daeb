import type { ReactNode } from 'react'
import type { Ui } from '../internal/use-ui'

export interface PopoverProps {
  ui: Ui
  /** The component's own element: its class places the panel (side, offset, width) over the shared look. */
  element: 'userButtonPopover' | 'organizationSwitcherPopover'
  children: ReactNode
}

/**
 * The floating panel of a menu button (UserButton, OrganizationSwitcher). It carries two elements: the
 * shared `popover` (surface, border, shadow, stacking) and the component's own, so `appearance.elements`
 * can style both menus at once or each alone.
 */
export function Popover({ ui, element, children }: PopoverProps) {
  return <div className={[ui.cx('popover'), ui.cx(element)].filter(Boolean).join(' ') || undefined}>{children}</div>
}
