import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react'
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
  /** The element class: `modal` (account screens), `confirmDialog`, or `dialog` (ReauthenticationDialog). */
  element?: AppearanceElement
  /** Escape, the close button or a press on the backdrop. The owner unmounts the dialog. */
  onClose: () => void
  children: ReactNode
}

/**
 * How long focus return keeps trying while the opener cannot take focus (disabled until its action settles): up to
 * 2 s in 16 ms steps. It stops as soon as focus is somewhere on purpose, so a long window costs nothing; a short one
 * (160 ms) lost focus whenever the refused action took longer to settle on a busy machine.
 */
const RETURN_TRIES = 125
const RETURN_INTERVAL_MS = 16

/** Each open dialog's opener, so a dialog opened from inside another can return focus where that one came from. */
const OPENERS = new WeakMap<HTMLDialogElement, HTMLElement | null>()

const activeHtmlElement = () =>
  typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null

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
 *   (its row was removed), to the heading of the pane or section it was in. When the opener cannot take focus
 *   yet (the button of an action that is still settling is disabled, as when the re-authentication dialog
 *   closes and the refused action runs again), focus return tries again for a few frames.
 * - The opener is read when the dialog opens; if a field inside took focus first (`autoFocus` runs during the
 *   commit, before effects), the element that had focus while the dialog rendered is the opener.
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
  // What had focus while the dialog first rendered: the opener when a field inside has taken focus by the effect.
  const [renderOpener] = useState(activeHtmlElement)

  useEffect(() => {
    const node = dialog.current
    if (!node) return
    const current = activeHtmlElement()
    const direct = current && node.contains(current) ? renderOpener : current
    // Opened from inside another dialog (a confirmation whose action was then refused and asks to re-authenticate):
    // if that dialog has gone when this one closes, its button has too, so focus returns where *it* came from.
    const outer = direct?.closest('dialog')
    const fromOuter = outer && outer !== node ? OPENERS.get(outer) : undefined
    OPENERS.set(node, direct)
    const openerNow = () => (direct?.isConnected || !fromOuter ? direct : fromOuter)
    const opener = direct
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
      const lost = () => {
        const active = document.activeElement
        return !active || active === document.body || node.contains(active)
      }
      const restore = (tries: number) => {
        if (!lost()) return
        const target = openerNow()
        if (target?.isConnected) {
          target.focus()
          // Disabled for now (its action is settling): try again on the next frames.
          if (document.activeElement !== target && tries > 0) setTimeout(() => restore(tries - 1), RETURN_INTERVAL_MS)
          return
        }
        const heading = place?.isConnected ? place.querySelector(':scope > h2') : null
        if (heading) focusPlaceOf(heading)
      }
      restore(RETURN_TRIES)
    }
  }, [renderOpener])

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
