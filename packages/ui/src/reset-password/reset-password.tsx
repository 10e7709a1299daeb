import { useRef, useState, type ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import { isPlintoError } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { LinkButton } from '../elements/link-button'
import { Notice } from '../elements/notice'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import type { RootAttributes } from '../internal/root-attributes'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { useUrlToken } from '../internal/use-url-token'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, checkNewPassword, collectErrors } from '../internal/validate'
import { enAccount } from '../localization/en-account'

const FIELDS = ['password'] as const

/**
 * Props of {@link ResetPassword}.
 *
 * @example
 * ```tsx
 * const props: ResetPasswordProps = { signInUrl: '/sign-in', forgotPasswordUrl: '/forgot-password' }
 * ```
 */
export interface ResetPasswordProps extends PresentationProps, RootAttributes {
  /**
   * The reset token; default: `?token=` of the current URL (the link in the reset email), which is then
   * removed from the address bar (`history.replaceState`) and kept for the submit. A token given here
   * leaves the URL alone.
   */
  token?: string
  /** "Sign in" after success links here. */
  signInUrl?: string
  /** "Request a new link" on an expired link points here. */
  forgotPasswordUrl?: string
}

/**
 * Sets a new password with the token of a reset email (`?token=` in the URL, or the `token` prop). The
 * server ends every session of the account; the success state links to sign-in. An expired or used link
 * says so and offers a new one. A token read from the URL is taken out of the address bar as soon as the
 * form shows.
 *
 * @example
 * ```tsx
 * // on /reset-password, the page the reset email links to
 * <ResetPassword signInUrl="/sign-in" forgotPasswordUrl="/forgot-password" />
 * ```
 */
export function ResetPassword(props: ResetPasswordProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    token: tokenProp,
    signInUrl,
    forgotPasswordUrl,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { resetPassword } = useAuth()
  const { token, ready } = useUrlToken(tokenProp, 'token')
  const [password, setPassword] = useState('')
  const [outcome, setOutcome] = useState<'done' | 'invalid' | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [submit, pending] = useGuardedAction(async () => {
    const invalid = collectErrors({ password: checkNewPassword(password, t) })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      // biome-ignore lint/style/noNonNullAssertion: the form only calls submit() when there is a token
      await resetPassword(token!, password)
      setOutcome('done')
    } catch (error) {
      if (isPlintoError(error) && error.code === 'INVALID_TOKEN') return setOutcome('invalid')
      show(describeError(error, t, { new_password: 'password', password: 'password' }))
    }
  })

  const state = outcome ?? (ready && !token ? 'invalid' : 'form')
  const title =
    state === 'done'
      ? t.resetPassword.successTitle
      : state === 'invalid'
        ? t.resetPassword.invalidTitle
        : t.resetPassword.title
  return (
    <Card
      {...rest}
      ui={ui}
      title={title}
      subtitle={state === 'form' ? t.resetPassword.subtitle : null}
      headingRef={heading}
    >
      {state === 'done' ? (
        <Notice ui={ui} heading={heading}>
          <p>{t.resetPassword.successBody}</p>
          {signInUrl !== undefined ? (
            <a href={signInUrl} className={ui.cx('primaryButton')}>
              {t.resetPassword.signIn}
            </a>
          ) : null}
        </Notice>
      ) : state === 'invalid' ? (
        <Notice ui={ui} heading={heading}>
          <p>{t.resetPassword.invalidBody}</p>
          {forgotPasswordUrl !== undefined ? (
            <LinkButton ui={ui} href={forgotPasswordUrl}>
              {t.resetPassword.requestNewLink}
            </LinkButton>
          ) : null}
        </Notice>
      ) : (
        <Form ui={ui} error={errors.form} onSubmit={() => (token ? submit() : undefined)}>
          <Field
            ui={ui}
            ref={refs.password}
            label={t.fields.newPassword}
            name="new_password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            hint={t.hints.newPassword(PASSWORD_MIN_LENGTH)}
            value={password}
            onValueChange={setPassword}
            error={errors.fields.password}
          />
          <SubmitButton
            ui={ui}
            pending={pending}
            label={t.resetPassword.submit}
            pendingLabel={t.resetPassword.submitting}
          />
        </Form>
      )}
    </Card>
  )
}
