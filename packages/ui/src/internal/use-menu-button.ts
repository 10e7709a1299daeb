import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

/** Where focus lands when the menu opens: ArrowUp on the trigger opens it on the last item. */
export type MenuOpen = false | 'first' | 'last'

/**
 * The button-that-opens-a-menu behaviour shared by UserButton and OrganizationSwitcher: open state, ids that
 * tie the trigger to its menu, Enter/Space (native clicks) and ArrowDown open on the first item, ArrowUp on
 * the last, a press outside closes without stealing focus, and `close(true)` hands focus back to the trigger.
 */
export function useMenuButton() {
  const [open, setOpen] = useState<MenuOpen>(false)
  const root = useRef<HTMLDivElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  const id = useId()
  const triggerId = `plinto-${id}-trigger`
  const menuId = `plinto-${id}-menu`

  // A press outside closes the menu without stealing focus from what was pressed.
  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const close = (returnFocus: boolean) => {
    setOpen(false)
    if (returnFocus) trigger.current?.focus()
  }

  const triggerProps = {
    ref: trigger,
    id: triggerId,
    type: 'button' as const,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open !== false,
    'aria-controls': open ? menuId : undefined,
    // Enter and Space arrive here as clicks (native button behaviour).
    onClick: () => setOpen((current) => (current ? false : 'first')),
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        setOpen(event.key === 'ArrowDown' ? 'first' : 'last')
      }
    },
  }

  return { open, root, triggerId, menuId, close, triggerProps }
}
