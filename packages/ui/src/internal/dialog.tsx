import { useEffect, useRef, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react'
import type { AppearanceElement } from '../appearance/appearance'
import { focusPlaceOf } from './focus-place'
import type { Ui } from './use-ui'

export interface DialogProps {
  ui: Ui
  /** Id of the element that names the dialog (its heading). */
  labelledBy: string
  /** Id of the element that describes it (a confirmation's question), if any. */
  describedBy?: string
  /** `alertdialog` for confirmations of destructive actions; `dialog` otherwise. */
  role?: 'dialog' | 'alertdialog'
  /** The element class: `modal` (account screens) or `confirmDialog`. */
  element?: AppearanceElement
  /** Escape, the close button or a press on the backdrop. The owner unmounts the dialog. */
  onClose: () => void
  children: ReactNode
}

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog on the native `<dialog>` element, open while mounted.
 *
 * - `showModal()` puts it in the top layer and makes the rest of the page inert, so the browser traps focus
 *   and names it a modal dialog. Where `showModal` is missing (older engines, jsdom) it is opened with the
 *   `open` attribute and `aria-modal`, and the Tab trap below does the trapping.
 * - Tab and Shift+Tab wrap inside the dialog in both cases (inert stops focus leaving the page in browsers, but
 *   Tab would still reach the browser's own UI; wrapping is what the APG dialog pattern describes).
 * - Escape closes: the native `cancel` event is prevented (the owner decides, by unmounting) and the key is
 *   handled here too for the fallback.
 * - On unmount focus goes back to the element that had it when the dialog opened (the menu item's trigger,
 *   the row's menu button), unless focus has already moved elsewhere on purpose; if that element is gone
 *   (its row was removed), to the heading of the pane or section it was in.
 * - The element with `autofocus`/`data-autofocus` inside, or the dialog's first focusable element, takes focus.
 */
export function Dialog({
  ui,
  labelledBy,
  describedBy,
  role = 'dialog',
  element = 'modal',
  onClose,
  children,
}: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const close = useRef(onClose)
  close.current = onClose

  useEffect(() => {
    const node = dialog.current
    if (!node) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    // Where focus goes if the opener is gone when the dialog closes: the pane (or section) it was in.
    const place = opener?.closest('[role="tabpanel"]') ?? opener?.closest('section')
    if (typeof node.showModal === 'function') {
      if (!node.open) node.showModal()
    } else {
      node.setAttribute('open', '')
    }
    const first = node.querySelector<HTMLElement>('[data-autofocus]') ?? node.querySelector<HTMLElement>(FOCUSABLE)
    first?.focus()
    return () => {
      if (typeof node.close === 'function' && node.open) node.close()
      // Return focus only when it is lost (on the body or inside the closing dialog): never steal it.
      const active = document.activeElement
      if (active && active !== document.body && !node.contains(active)) return
      if (opener?.isConnected) return opener.focus()
      const heading = place?.isConnected ? place.querySelector(':scope > h2') : null
      if (heading) focusPlaceOf(heading)
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      close.current()
      return
    }
    if (event.key !== 'Tab' || !dialog.current) return
    const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE))
    const first = focusable[0]
    const last = focusable.at(-1)
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  const onCancel = (event: SyntheticEvent) => {
    event.preventDefault()
    close.current()
  }

  return (
    // A press on the backdrop closes (onClick below); Escape is its keyboard twin (onKeyDown).
    <dialog
      ref={dialog}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      lang={ui.rootProps.lang}
      data-plinto-theme={ui.rootProps['data-plinto-theme']}
      className={[ui.rootProps.className, ui.cx(element)].filter(Boolean).join(' ') || undefined}
      style={ui.rootProps.style}
      onKeyDown={onKeyDown}
      onCancel={onCancel}
      onClick={(event) => {
        // The dialog box itself fills the element; a click whose target is the <dialog> is on the backdrop.
        if (event.target === dialog.current) close.current()
      }}
    >
      {/* The box: a click on the <dialog> itself (outside this wrapper) is a click on the backdrop. */}
      <div className={ui.cx('modalBody')}>{children}</div>
    </dialog>
  )
}
