import { useState, type RefObject } from 'react'
import { useAuth } from '@plinto/react'
import { FormAlert } from '../elements/form-alert'
import { describeError } from '../internal/describe-error'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

export interface VerificationNoticeProps {
  ui: Ui
  heading: RefObject<HTMLHeadingElement | null>
  email: string
  /** Shown as "Continue" when there is somewhere to go. */
  onContinue?: () => void
}

/** After sign-up: "verify your email", with a way to get the email again. */
export function VerificationNotice({ ui, heading, email, onContinue }: VerificationNoticeProps) {
  const { t } = ui
  const { resendVerification } = useAuth()
  const [status, setStatus] = useState<{ sent?: boolean; error?: string }>({})
  useFocusOnMount(heading)

  const [resend, pending] = useGuardedAction(async () => {
    setStatus({})
    try {
      await resendVerification()
      setStatus({ sent: true })
    } catch (error) {
      setStatus({ error: describeError(error, t, {}).form })
    }
  })

  return (
    <div className={ui.cx('notice')}>
      <p>{t.signUp.verifyBody(email)}</p>
      <FormAlert ui={ui} message={status.error} />
      <p role="status">{status.sent ? t.signUp.resent : null}</p>
      <button
        type="button"
        className={ui.cx('secondaryButton')}
        onClick={() => void resend()}
        disabled={pending}
        aria-busy={pending}
      >
        {pending ? t.signUp.resending : t.signUp.resend}
      </button>
      {onContinue ? (
        <button type="button" className={ui.cx('primaryButton')} onClick={onContinue}>
          {t.signUp.continue}
        </button>
      ) : null}
    </div>
  )
}
