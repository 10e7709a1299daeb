import { useEffect, useState } from 'react'
import { useAuth } from '@plinto/react'
import { isPlintoError, type PlintoError, type User } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { LinkButton } from '../elements/link-button'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

const FIELDS = ['code'] as const

/**
 * Seconds before "Send a new code" works again: the server keeps five sends an hour per address, and a
 * person whose email is merely slow would otherwise spend them (and each send replaces the code on its way).
 */
export const RESEND_COOLDOWN_SECONDS = 30

export interface EmailCodeFormProps {
  ui: Ui
  /** Where the code went (it was sent before this form shows). */
  email: string
  /** `sign_in`: the code signs in; `verify_email`: it verifies the signed-in user's address. */
  purpose: 'sign_in' | 'verify_email'
  /** Signed in (`sign_in`), or the address is verified (`verify_email`, no user). */
  onDone: (user: User | undefined) => void
  /** `sign_in` for an account with a second factor: the caller shows the MFA step. */
  onMfaRequired?: (error: PlintoError) => void
  /** Shows "Use another email". */
  onUseAnotherEmail?: () => void
  /** Seconds the resend button waits after each send. Default {@link RESEND_COOLDOWN_SECONDS}. */
  resendCooldownSeconds?: number
}

/**
 * The 6-digit code step: the code field (one-time-code autocomplete, digits keyboard), "Send a new code" with a
 * cooldown, and the errors in words (wrong code next to the field; expired or used up at the top, with the
 * resend button as the way on).
 */
export function EmailCodeForm(props: EmailCodeFormProps) {
  const { ui, email, purpose, onDone, onMfaRequired, onUseAnotherEmail } = props
  const cooldown = props.resendCooldownSeconds ?? RESEND_COOLDOWN_SECONDS
  const { t } = ui
  const { sendEmailCode, signInWithEmailCode, verifyEmailWithCode } = useAuth()
  const [code, setCode] = useState('')
  const [resent, setResent] = useState(false)
  // A deadline, not a counter: a background tab's throttled timers must not stretch the wait.
  const [resendAt, setResendAt] = useState(() => Date.now() + cooldown * 1000)
  const [now, setNow] = useState(Date.now)
  const wait = Math.max(0, Math.ceil((resendAt - now) / 1000))
  const { errors, show, refs } = useFormErrors(FIELDS)
  useFocusOnMount(refs.code)

  // One tick a second while the resend button waits; none once it can be used.
  useEffect(() => {
    if (wait <= 0) return
    const timer = setTimeout(() => setNow(Date.now()), 1000)
    return () => clearTimeout(timer)
  }, [wait])

  const [submit, pending] = useGuardedAction(async () => {
    const value = code.replace(/[\s-]+/g, '')
    if (!value) return show({ fields: { code: t.validation.codeRequired } })
    show({ fields: {} })
    setResent(false)
    try {
      if (purpose === 'sign_in') onDone((await signInWithEmailCode({ email, code: value })).user)
      else {
        await verifyEmailWithCode({ email, code: value })
        onDone(undefined)
      }
    } catch (error) {
      if (isPlintoError(error) && error.code === 'MFA_REQUIRED' && onMfaRequired) return onMfaRequired(error)
      // A spent code cannot be corrected: clear it, the way on is a new one. (A network error keeps it.)
      const spent =
        isPlintoError(error) && (error.code === 'EMAIL_CODE_EXPIRED' || error.code === 'EMAIL_CODE_ATTEMPTS_EXCEEDED')
      if (spent) setCode('')
      show(describeError(error, t, { code: 'code' }))
    }
  })

  const [resend, resending] = useGuardedAction(async () => {
    show({ fields: {} })
    setResent(false)
    try {
      await sendEmailCode({ email, purpose })
      setCode('')
      setResent(true)
      const sentAt = Date.now()
      setNow(sentAt)
      setResendAt(sentAt + cooldown * 1000)
      refs.code.current?.focus()
    } catch (error) {
      show(describeError(error, t, {}))
    }
  })

  const signingIn = purpose === 'sign_in'
  return (
    <Form ui={ui} error={errors.form} onSubmit={submit}>
      <StatusMessage ui={ui} message={resent ? t.emailCode.resent : undefined} />
      <Field
        ui={ui}
        ref={refs.code}
        label={t.emailCode.field}
        hint={t.emailCode.hint(email)}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={16}
        value={code}
        onValueChange={setCode}
        error={errors.fields.code}
      />
      <SubmitButton
        ui={ui}
        pending={pending}
        label={signingIn ? t.emailCode.submit : t.emailCode.verify}
        pendingLabel={signingIn ? t.emailCode.submitting : t.emailCode.verifying}
      />
      <button
        type="button"
        className={ui.cx('secondaryButton')}
        onClick={() => void resend()}
        disabled={wait > 0 || resending}
        aria-busy={resending}
      >
        {resending ? t.emailCode.sending : wait > 0 ? t.emailCode.resendIn(wait) : t.emailCode.resend}
      </button>
      {onUseAnotherEmail ? (
        <LinkButton ui={ui} onClick={onUseAnotherEmail}>
          {t.emailCode.useAnotherEmail}
        </LinkButton>
      ) : null}
    </Form>
  )
}
