import { useState, type FormEvent } from 'react'
import { useAuth } from '@plinto/react'
import { Field } from '../elements/field'
import { FormAlert } from '../elements/form-alert'
import { LinkButton } from '../elements/link-button'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { checkEmail, collectErrors } from '../internal/validate'

const FIELDS = ['email'] as const

export interface MagicLinkStepProps {
  ui: Ui
  /** Prefills the field (the address typed on the password step, if it was one). */
  initialEmail: string
  /** Absolute URL of the page that renders `<AuthCallback />`. */
  redirectUrl: string
  onSent: (email: string) => void
  onUsePassword: () => void
}

/** Asks for the email address and sends a one-time sign-in link to it. */
export function MagicLinkStep({ ui, initialEmail, redirectUrl, onSent, onUsePassword }: MagicLinkStepProps) {
  const { t } = ui
  const { sendMagicLink } = useAuth()
  const [email, setEmail] = useState(initialEmail)
  const { errors, show, refs } = useFormErrors(FIELDS)
  useFocusOnMount(refs.email)

  const [submit, pending] = useGuardedAction(async () => {
    const address = email.trim()
    const invalid = collectErrors({ email: checkEmail(address, t) })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      await sendMagicLink({ email: address, redirect_url: redirectUrl })
      onSent(address)
    } catch (error) {
      show(describeError(error, t, { email: 'email' }))
    }
  })

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
        ref={refs.email}
        label={t.fields.email}
        name="email"
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        value={email}
        onValueChange={setEmail}
        error={errors.fields.email}
      />
      <SubmitButton ui={ui} pending={pending} label={t.signIn.magicLinkSubmit} pendingLabel={t.signIn.magicLinkSubmitting} />
      <LinkButton ui={ui} onClick={onUsePassword}>
        {t.signIn.usePassword}
      </LinkButton>
    </form>
  )
}
