import { useEffect, useRef, useState } from 'react'
import { useAuth, usePlinto } from '@plinto/react'
import { isPlintoError, type User } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { LinkButton } from '../elements/link-button'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

const FIELDS = ['code'] as const

/** The second factors this step can ask for; an SMS code is texted on demand (`auth.sendMfaChallenge`). */
export type MfaMode = 'totp' | 'backup_code' | 'sms'

const SWITCH_LABEL = { totp: 'useAuthenticator', backup_code: 'useBackupCode', sms: 'useSms' } as const

export interface MfaStepProps {
  ui: Ui
  mfaToken: string
  modes: readonly MfaMode[]
  /** The kind of code asked for (the card's subtitle depends on it, so the parent holds it). */
  mode: MfaMode
  onModeChange: (mode: MfaMode) => void
  onSignedIn: (user: User) => void
  /** The MFA token is no longer accepted (expired, too many attempts): start again. */
  onExpired: () => void
  onBack: () => void
}

/** Asks for the code of the second factor and finishes the sign-in with it. */
export function MfaStep({ ui, mfaToken, modes, mode, onModeChange, onSignedIn, onExpired, onBack }: MfaStepProps) {
  const { t } = ui
  const { verifyMfaChallenge } = useAuth()
  const { client } = usePlinto()
  const [code, setCode] = useState('')
  // SMS: nothing is texted until the user asks (a text costs money and may not be wanted).
  const [smsSent, setSmsSent] = useState(false)
  const asksCode = mode !== 'sms' || smsSent
  const { errors, show, refs } = useFormErrors(FIELDS)
  const sendButton = useRef<HTMLButtonElement>(null)

  // Focus the code field (or the SMS send button) when the step appears and whenever the kind of code changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `mode` is read by no code here but is the trigger: focus again when the kind of code changes
  useEffect(() => {
    ;(asksCode ? refs.code.current : sendButton.current)?.focus()
  }, [mode, asksCode, refs])

  const [sendSms, sending] = useGuardedAction(async () => {
    show({ fields: {} })
    try {
      await client.auth.sendMfaChallenge({ mfa_token: mfaToken, method: 'sms' })
      setSmsSent(true)
    } catch (error) {
      const code = isPlintoError(error) ? error.code : undefined
      if (code === 'INVALID_TOKEN' || code === 'UNAUTHORIZED' || code === 'TOKEN_EXPIRED') return onExpired()
      show(describeError(error, t, {}))
    }
  })

  const [submit, pending] = useGuardedAction(async () => {
    const value = code.replace(/\s+/g, '')
    if (!value) return show({ fields: { code: t.validation.codeRequired } })
    show({ fields: {} })
    try {
      const { user } = await verifyMfaChallenge({ mfa_token: mfaToken, code: value })
      onSignedIn(user)
    } catch (error) {
      const code = isPlintoError(error) ? error.code : undefined
      if (code === 'INVALID_TOKEN' || code === 'UNAUTHORIZED' || code === 'TOKEN_EXPIRED') return onExpired()
      show(describeError(error, t, { code: 'code' }))
    }
  })

  const others = modes.filter((candidate) => candidate !== mode)
  return (
    <Form ui={ui} error={errors.form} onSubmit={() => (asksCode ? submit() : sendSms())}>
      {mode === 'sms' ? <StatusMessage ui={ui} message={smsSent ? t.signIn.smsSent : undefined} /> : null}
      {asksCode ? (
        <Field
          ui={ui}
          ref={refs.code}
          label={mode === 'totp' ? t.fields.mfaCode : mode === 'sms' ? t.fields.smsCode : t.fields.backupCode}
          hint={mode === 'totp' ? t.hints.mfaCode : mode === 'sms' ? t.hints.smsCode(undefined) : t.hints.backupCode}
          name="code"
          autoComplete="one-time-code"
          inputMode={mode === 'backup_code' ? 'text' : 'numeric'}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          value={code}
          onValueChange={setCode}
          error={errors.fields.code}
        />
      ) : null}
      {asksCode ? (
        <SubmitButton ui={ui} pending={pending} label={t.signIn.mfaSubmit} pendingLabel={t.signIn.mfaSubmitting} />
      ) : (
        <button
          ref={sendButton}
          type="submit"
          className={ui.cx('primaryButton')}
          disabled={sending}
          aria-busy={sending}
        >
          {sending ? t.signIn.sendingSms : t.signIn.sendSms}
        </button>
      )}
      {mode === 'sms' && smsSent ? (
        <LinkButton ui={ui} onClick={() => void sendSms()}>
          {t.signIn.resendSms}
        </LinkButton>
      ) : null}
      {others.map((other) => (
        <LinkButton
          key={other}
          ui={ui}
          onClick={() => {
            setCode('')
            show({ fields: {} })
            onModeChange(other)
          }}
        >
          {t.signIn[SWITCH_LABEL[other]]}
        </LinkButton>
      ))}
      <LinkButton ui={ui} onClick={onBack}>
        {t.signIn.back}
      </LinkButton>
    </Form>
  )
}
