import { useState, type RefObject } from 'react'
import { useAuth } from '@plinto/react'
import { FormAlert } from '../elements/form-alert'
import { StatusMessage } from '../elements/status-message'
import { EmailCodeForm } from '../sign-in/email-code-form'
import { describeError } from '../internal/describe-error'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

export interface VerificationNoticeProps {
  ui: Ui
  heading: RefObject<HTMLHeadingElement | null>
  email: string
  /** Offer "Enter a code instead" (an emailed 6-digit code verifies the address here). */
  emailCode?: boolean
  /** Shown as "Continue" when there is somewhere to go. */
  onContinue?: () => void
}

/** After sign-up: "verify your email", with a way to get the email again. */
export function VerificationNotice({ ui, heading, email, emailCode, onContinue }: VerificationNoticeProps) {
  const { t } = ui
  const { resendVerification, sendEmailCode } = useAuth()
  const [status, setStatus] = useState<{ sent?: boolean; error?: string }>({})
  // 'asked': a code is on its way and the code form shows; 'verified': the code verified the address.
  const [code, setCode] = useState<'none' | 'asked' | 'verified'>('none')
  useFocusOnMount(heading)

  const [askCode, asking] = useGuardedAction(async () => {
    setStatus({})
    try {
      await sendEmailCode({ email, purpose: 'verify_email' })
      setCode('asked')
    } catch (error) {
      setStatus({ error: describeError(error, t, {}).form })
    }
  })

  const [resend, pending] = useGuardedAction(async () => {
    setStatus({})
    try {
      await resendVerification()
      setStatus({ sent: true })
    } catch (error) {
      setStatus({ error: describeError(error, t, {}).form })
    }
  })

  if (code !== 'none') {
    return (
      <div className={ui.cx('notice')}>
        {code === 'asked' ? (
          <EmailCodeForm ui={ui} email={email} purpose="verify_email" onDone={() => setCode('verified')} />
        ) : (
          <StatusMessage ui={ui} message={t.signUp.verified} />
        )}
        {onContinue ? (
          <button type="button" className={ui.cx('primaryButton')} onClick={onContinue}>
            {t.signUp.continue}
          </button>
        ) : null}
      </div>
    )
  }

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
      {emailCode ? (
        <button
          type="button"
          className={ui.cx('secondaryButton')}
          onClick={() => void askCode()}
          disabled={asking}
          aria-busy={asking}
        >
          {asking ? t.emailCode.sending : t.signUp.useCode}
        </button>
      ) : null}
      {onContinue ? (
        <button type="button" className={ui.cx('primaryButton')} onClick={onContinue}>
          {t.signUp.continue}
        </button>
      ) : null}
    </div>
  )
}
