import { useRef, useState, type ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import { Card } from '../elements/card'
import { EmailField } from '../elements/email-field'
import { Form } from '../elements/form'
import { LinkButton } from '../elements/link-button'
import { Notice } from '../elements/notice'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import type { RootAttributes } from '../internal/root-attributes'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { checkEmail, collectErrors } from '../internal/validate'
import { enAccount } from '../localization/en-account'

const FIELDS = ['email'] as const

/**
 * Props of {@link ForgotPassword}.
 *
 * @example
 * ```tsx
 * const props: ForgotPasswordProps = { signInUrl: '/sign-in' }
 * ```
 */
export interface ForgotPasswordProps extends PresentationProps, RootAttributes {
  /** Shows "Back to sign in" linking here. */
  signInUrl?: string
}

/**
 * Asks for an email address and sends a password-reset link to it. The confirmation is the same whether
 * or not an account exists (as the server's answer is), so the form reveals nothing about who has one.
 * The link in the email leads to your page with `<ResetPassword />`.
 *
 * @example
 * ```tsx
 * <ForgotPassword signInUrl="/sign-in" />
 * ```
 */
export function ForgotPassword(props: ForgotPasswordProps): ReactNode {
  const { appearance, localization, unstyled, signInUrl, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { forgotPassword } = useAuth()
  const [email, setEmail] = useState('')
  const [sentTo, setSentTo] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [submit, pending] = useGuardedAction(async () => {
    const address = email.trim()
    const invalid = collectErrors({ email: checkEmail(address, t) })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      await forgotPassword({ email: address })
      setSentTo(address)
    } catch (error) {
      show(describeError(error, t, { email: 'email' }))
    }
  })

  const back =
    signInUrl !== undefined ? (
      <LinkButton ui={ui} href={signInUrl}>
        {t.forgotPassword.backToSignIn}
      </LinkButton>
    ) : null

  return (
    <Card
      {...rest}
      ui={ui}
      title={sentTo ? t.forgotPassword.sentTitle : t.forgotPassword.title}
      subtitle={sentTo ? null : t.forgotPassword.subtitle}
      headingRef={heading}
      footer={back}
    >
      {sentTo ? (
        <Notice ui={ui} heading={heading}>
          <p>{t.forgotPassword.sentBody(sentTo)}</p>
        </Notice>
      ) : (
        <Form ui={ui} error={errors.form} onSubmit={submit}>
          <EmailField ui={ui} ref={refs.email} value={email} onValueChange={setEmail} error={errors.fields.email} />
          <SubmitButton
            ui={ui}
            pending={pending}
            label={t.forgotPassword.submit}
            pendingLabel={t.forgotPassword.submitting}
          />
        </Form>
      )}
    </Card>
  )
}
