import type { Ui } from '../internal/use-ui'

export interface FormAlertProps {
  ui: Ui
  message: string | undefined
}

/**
 * The error at the top of a form. The `role="alert"` element is always present (empty when there is no
 * error) so that screen readers announce a message when it appears, which they do not reliably do for a
 * live region inserted together with its text.
 */
export function FormAlert({ ui, message }: FormAlertProps) {
  return (
    <div role="alert" className={message ? ui.cx('alert') : undefined}>
      {message}
    </div>
  )
}
