import { useContext } from 'react'
import { FormPrimaryContext } from '../internal/primary-action'
import type { Ui } from '../internal/use-ui'

export interface SubmitButtonProps {
  ui: Ui
  pending: boolean
  label: string
  pendingLabel: string
  /**
   * `secondary` for a form that is not the main action of what is in view (the text-message number under the
   * password form): one primary button per view. A `primary` submit also renders secondary while another
   * form of its pane is being worked on (../internal/primary-action).
   */
  variant?: 'primary' | 'secondary'
}

/** The primary button of a form: while the action runs it says so, is busy and cannot be pressed again. */
export function SubmitButton({ ui, pending, label, pendingLabel, variant = 'primary' }: SubmitButtonProps) {
  const formIsPrimary = useContext(FormPrimaryContext)
  return (
    <button
      type="submit"
      className={ui.cx(variant === 'primary' && formIsPrimary ? 'primaryButton' : 'secondaryButton')}
      disabled={pending}
      aria-busy={pending}
    >
      {pending ? <span className={ui.cx('spinner')} aria-hidden="true" /> : null}
      {pending ? pendingLabel : label}
    </button>
  )
}
