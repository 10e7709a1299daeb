import { useId, useState, type ReactNode } from 'react'
import { describeError } from '../internal/describe-error'
import { Dialog } from '../internal/dialog'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { FormAlert } from './form-alert'

export interface ConfirmDialogProps {
  ui: Ui
  /** The question as a title: "Remove Carol Chen?" */
  title: string
  /** What happens, in a sentence. */
  body: string
  /** The destructive button's label ("Remove") and its label while running ("Removing…"). */
  confirmLabel: string
  pendingLabel: string
  /** Runs the action; the dialog closes when it resolves, and shows the error in words when it rejects. */
  onConfirm: () => Promise<void>
  onCancel: () => void
}

/**
 * The confirmation of a destructive action chosen in a row's menu: an `alertdialog` named by its question
 * and described by its consequence. Focus starts on Cancel (the safe choice, as the APG alert dialog example
 * does), Escape cancels, and focus returns to the row's menu button (Dialog). The action's failure stays in
 * the dialog, so the person can retry or cancel.
 */
export function ConfirmDialog({
  ui,
  title,
  body,
  confirmLabel,
  pendingLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = ui
  const id = `plinto-${useId()}`
  const [error, setError] = useState<string>()
  const [confirm, pending] = useGuardedAction(async () => {
    setError(undefined)
    try {
      await onConfirm()
    } catch (caught) {
      setError(describeError(caught, t, {}).form)
    }
  })
  return (
    <Dialog
      ui={ui}
      role="alertdialog"
      element="confirmDialog"
      labelledBy={`${id}-title`}
      describedBy={`${id}-body`}
      onClose={() => {
        if (!pending) onCancel()
      }}
    >
      <h2 id={`${id}-title`} className={ui.cx('sectionTitle')}>
        {title}
      </h2>
      <p id={`${id}-body`} className={ui.cx('itemDetail')}>
        {body}
      </p>
      <FormAlert ui={ui} message={error} />
      <div className={ui.cx('dialogActions')}>
        <button type="button" className={ui.cx('secondaryButton')} data-autofocus onClick={onCancel} disabled={pending}>
          {t.account.cancel}
        </button>
        <button
          type="button"
          className={ui.cx('dangerButton')}
          disabled={pending}
          aria-busy={pending}
          onClick={() => void confirm()}
        >
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}

/** What a row's destructive action asks before it runs (see {@link useConfirmation}). */
export interface Confirmation {
  title: string
  body: string
  confirmLabel: string
  pendingLabel: string
  /** The action; it reports its own outcome (status or alert of the section) and should not reject. */
  run: () => Promise<void>
}

/**
 * A confirmation step for a section: `ask(confirmation)` opens the dialog; it closes when the action has
 * run (its outcome is announced by the section's status or alert, as without a confirmation) or on cancel.
 */
export function useConfirmation(ui: Ui): [dialog: ReactNode, ask: (confirmation: Confirmation) => void] {
  const [asking, setAsking] = useState<Confirmation | null>(null)
  const dialog = asking ? (
    <ConfirmDialog
      ui={ui}
      title={asking.title}
      body={asking.body}
      confirmLabel={asking.confirmLabel}
      pendingLabel={asking.pendingLabel}
      onConfirm={async () => {
        await asking.run()
        setAsking(null)
      }}
      onCancel={() => setAsking(null)}
    />
  ) : null
  return [dialog, setAsking]
}
