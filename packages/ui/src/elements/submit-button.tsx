import type { Ui } from '../internal/use-ui'

export interface SubmitButtonProps {
  ui: Ui
  pending: boolean
  label: string
  pendingLabel: string
}

/** The primary button of a form: while the action runs it says so, is busy and cannot be pressed again. */
export function SubmitButton({ ui, pending, label, pendingLabel }: SubmitButtonProps) {
  return (
    <button type="submit" className={ui.cx('primaryButton')} disabled={pending} aria-busy={pending}>
      {pending ? <span className={ui.cx('spinner')} aria-hidden="true" /> : null}
      {pending ? pendingLabel : label}
    </button>
  )
}
