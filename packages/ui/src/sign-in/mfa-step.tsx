import { useEffect, useState, type FormEvent } from 'react'
import { useAuth } from '@plinto/react'
import { isPlintoError, type User } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { FormAlert } from '../elements/form-alert'
import { LinkButton } from '../elements/link-button'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

const FIELDS = ['code'] as const

/** The second factors this step can ask for; SMS (sent on demand) and passkeys come with the MFA module. */
export type MfaMode = 'totp' | 'backup_code'

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
  const [code, setCode] = useState('')
  const { errors, show, refs } = useFormErrors(FIELDS)

  // Focus the code field when the step appears and whenever the kind of code changes.
  useEffect(() => {
    refs.code.current?.focus()
  }, [mode, refs])

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

  const other: MfaMode | undefined = modes.find((candidate) => candidate !== mode)
  return (
    <form
      noValidate
      className={ui.cx('form')}
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        void submit()
      }}
    >
      <FormAlert ui={ui} message={errors.form} />
      <Field
        ui={ui}
        ref={refs.code}
        label={mode === 'totp' ? t.fields.mfaCode : t.fields.backupCode}
        hint={mode === 'totp' ? t.hints.mfaCode : t.hints.backupCode}
        name="code"
        autoComplete="one-time-code"
        inputMode={mode === 'totp' ? 'numeric' : 'text'}
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        value={code}
        onValueChange={setCode}
        error={errors.fields.code}
      />
      <SubmitButton ui={ui} pending={pending} label={t.signIn.mfaSubmit} pendingLabel={t.signIn.mfaSubmitting} />
      {other ? (
        <LinkButton
          ui={ui}
          onClick={() => {
            setCode('')
            show({ fields: {} })
            onModeChange(other)
          }}
        >
          {other === 'backup_code' ? t.signIn.useBackupCode : t.signIn.useAuthenticator}
        </LinkButton>
      ) : null}
      <LinkButton ui={ui} onClick={onBack}>
        {t.signIn.back}
      </LinkButton>
    </form>
  )
}
