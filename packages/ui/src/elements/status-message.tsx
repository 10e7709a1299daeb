import type { Ui } from '../internal/use-ui'

export interface StatusMessageProps {
  ui: Ui
  message: string | undefined
}

/**
 * A success message ("Your profile is saved."). Like the form alert, the `role="status"` element is
 * always rendered so that the polite live region announces the text when it appears.
 */
export function StatusMessage({ ui, message }: StatusMessageProps) {
  return (
    <div role="status" className={message ? ui.cx('status') : undefined}>
      {message}
    </div>
  )
}
