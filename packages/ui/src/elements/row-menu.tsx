import { useLayoutEffect, type ReactNode } from 'react'
import { focusPlaceOf } from '../internal/focus-place'
import { useMenuButton } from '../internal/use-menu-button'
import type { Ui } from '../internal/use-ui'
import { Menu } from './menu'

/** One action of a row's menu. */
export interface RowAction {
  /** Stable key and `data-action` of the item (tests and styling hooks). */
  id: string
  label: string
  /** Destructive actions are styled in the danger color and listed last. */
  danger?: boolean
  onSelect: () => void
}

export interface RowMenuProps {
  ui: Ui
  /** What the row shows (a member's name, a device, a passkey): names the button "Actions for …". */
  name: string
  /** The actions the person may take; with none, the button is disabled (the row stays readable). */
  actions: readonly RowAction[]
  /** While an action of the row runs: the button is busy. */
  busy?: boolean
}

/**
 * The "⋯" menu button at the end of a list row (members, invitations, sessions, passkeys): a WAI-ARIA menu
 * button (Enter/Space/ArrowDown open on the first item, ArrowUp on the last, arrows move, Escape closes and
 * returns focus, Tab closes). An item closes the menu without returning focus to the button, because a
 * destructive item opens its confirmation, which returns focus to the button when it closes.
 */
export function RowMenu({ ui, name, actions, busy = false }: RowMenuProps): ReactNode {
  const { t } = ui
  const { open, root, triggerId, menuId, close, triggerProps } = useMenuButton()
  const trigger = triggerProps.ref
  // The row goes away while its button has focus (the member was removed after the confirmation returned focus
  // here): focus moves to the pane's heading instead of falling to the page's body. A layout-effect cleanup
  // runs while the button is still in the document.
  useLayoutEffect(
    () => () => {
      const button = trigger.current
      if (button && document.activeElement === button) focusPlaceOf(button)
    },
    [trigger],
  )
  const ordered = [...actions.filter((action) => !action.danger), ...actions.filter((action) => action.danger)]
  return (
    <div ref={root} className={ui.cx('rowMenu')}>
      <button
        {...triggerProps}
        className={ui.cx('rowMenuTrigger')}
        aria-label={t.account.rowActions(name)}
        disabled={actions.length === 0 || busy}
        aria-busy={busy || undefined}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open ? (
        <div className={[ui.cx('popover'), ui.cx('rowMenuPopover')].filter(Boolean).join(' ') || undefined}>
          <Menu ui={ui} id={menuId} labelledBy={triggerId} initialFocus={open} onClose={close} element="rowMenuList">
            {ordered.map((action) => (
              <button
                key={action.id}
                type="button"
                role="menuitem"
                tabIndex={-1}
                data-action={action.id}
                className={ui.cx('rowMenuItem', action.danger ? 'danger' : undefined)}
                onClick={() => {
                  // Focus goes back to the trigger first, so a dialog opened by the action returns it there.
                  close(true)
                  action.onSelect()
                }}
              >
                {action.label}
              </button>
            ))}
          </Menu>
        </div>
      ) : null}
    </div>
  )
}
