import type { Ui } from '../internal/use-ui'

export interface BusyIndicatorProps {
  ui: Ui
}

/**
 * The body of a card whose heading says what is happening ("Verifying your email…"): a spinner only, so
 * the words are not read twice. The next state's heading takes focus when the work ends.
 */
export function BusyIndicator({ ui }: BusyIndicatorProps) {
  return (
    <div className={ui.cx('notice')} aria-hidden="true">
      <span className={ui.cx('spinner')} />
    </div>
  )
}
