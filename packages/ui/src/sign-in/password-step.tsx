import { useEffect, type ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import { isPlintoError, type PlintoError, type User } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { LinkButton } from '../elements/link-button'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { checkEmail, collectErrors } from '../internal/validate'

const FIELDS = ['identifier', 'password'] as const

export interface PasswordStepProps {
  ui: Ui
  identifierKind: 'email' | 'emailOrUsername'
  identifier: string
  onIdentifierChange: (value: string) => void
  password: string
  onPasswordChange: (value: string) => void
  /** An error carried over from a later step (an expired MFA step), shown when the step appears. */
  initialError?: string
  /** Focus the password field on mount (when coming back from another step). */
  focusPassword?: boolean
  forgotPasswordUrl?: string
  onForgotPassword?: () => void
  onMagicLink?: () => void
  /** Shows "Email me a code" (the app enables emailed codes). */
  onEmailCode?: () => void
  /** The passkey and OAuth alternatives, rendered after the magic-link button. */
  alternatives?: ReactNode
  onMfaRequired: (error: PlintoError) => void
  onSignedIn: (user: User) => void
}

/** Email (or username) and password. */
export function PasswordStep(props: PasswordStepProps) {
  const { ui, identifierKind, identifier, password, initialError } = props
  const { t } = ui
  const { signIn } = useAuth()
  const { errors, show, refs } = useFormErrors(FIELDS, initialError)

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the step appears, not when focusPassword changes
  useEffect(() => {
    if (props.focusPassword) refs.password.current?.focus()
  }, [])

  const [submit, pending] = useGuardedAction(async () => {
    const id = identifier.trim()
    const invalid = collectErrors({
      identifier: identifierKind === 'email' ? checkEmail(id, t) : id ? undefined : t.validation.identifierRequired,
      password: password ? undefined : t.validation.passwordRequired,
    })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      const usesUsername = identifierKind === 'emailOrUsername' && !id.includes('@')
      const { user } = await signIn(usesUsername ? { username: id, password } : { email: id, password })
      props.onSignedIn(user)
    } catch (error) {
      if (isPlintoError(error) && error.code === 'MFA_REQUIRED') return props.onMfaRequired(error)
      show(describeError(error, t, { email: 'identifier', username: 'identifier', password: 'password' }))
    }
  })

  const forgot =
    props.forgotPasswordUrl !== undefined || props.onForgotPassword ? (
      <LinkButton ui={ui} href={props.forgotPasswordUrl} onClick={props.onForgotPassword}>
        {t.signIn.forgotPassword}
      </LinkButton>
    ) : null

  return (
    <>
      <Form ui={ui} error={errors.form} onSubmit={submit}>
        <Field
          ui={ui}
          ref={refs.identifier}
          label={identifierKind === 'email' ? t.fields.email : t.fields.emailOrUsername}
          name={identifierKind === 'email' ? 'email' : 'identifier'}
          type={identifierKind === 'email' ? 'email' : 'text'}
          autoComplete={identifierKind === 'email' ? 'email' : 'username'}
          autoCapitalize="none"
          spellCheck={false}
          value={identifier}
          onValueChange={props.onIdentifierChange}
          error={errors.fields.identifier}
        />
        <Field
          ui={ui}
          ref={refs.password}
          label={t.fields.password}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={props.onPasswordChange}
          error={errors.fields.password}
          labelAction={forgot}
        />
        <SubmitButton ui={ui} pending={pending} label={t.signIn.submit} pendingLabel={t.signIn.submitting} />
      </Form>
      {props.onMagicLink || props.onEmailCode ? (
        <>
          {/* biome-ignore lint/a11y/useSemanticElements: a separator with a visible label ("or"), which an <hr> cannot hold */}
          <div className={ui.cx('divider')} role="separator">
            <span>{t.signIn.or}</span>
          </div>
          {props.onEmailCode ? (
            <button type="button" className={ui.cx('secondaryButton')} onClick={props.onEmailCode}>
              {t.signIn.useEmailCode}
            </button>
          ) : null}
          {props.onMagicLink ? (
            <button type="button" className={ui.cx('secondaryButton')} onClick={props.onMagicLink}>
              {t.signIn.useMagicLink}
            </button>
          ) : null}
        </>
      ) : null}
      {props.alternatives}
    </>
  )
}
