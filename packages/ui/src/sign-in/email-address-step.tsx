import { useState } from 'react'
import { EmailField } from '../elements/email-field'
import { Form } from '../elements/form'
import { LinkButton } from '../elements/link-button'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { checkEmail, collectErrors } from '../internal/validate'

const FIELDS = ['email'] as const

export interface EmailAddressStepProps {
  ui: Ui
  /** Prefills the field (the address typed on the password step, if it was one). */
  initialEmail: string
  /** Sends what this step offers to the checked address: a magic link, or a 6-digit code. */
  send: (email: string) => Promise<unknown>
  /** The submit button's text, and its text while sending. */
  label: string
  pendingLabel: string
  onSent: (email: string) => void
  onUsePassword: () => void
}

/**
 * The sign-in steps that email something instead of asking for a password ("Email me a sign-in link", "Email me a
 * code"): asks for the address, checks it, sends, and hands the address on; the server's refusals (rate limits,
 * codes turned off) land at the field or the top of the form.
 */
export function EmailAddressStep({
  ui,
  initialEmail,
  send,
  label,
  pendingLabel,
  onSent,
  onUsePassword,
}: EmailAddressStepProps) {
  const { t } = ui
  const [email, setEmail] = useState(initialEmail)
  const { errors, show, refs } = useFormErrors(FIELDS)
  useFocusOnMount(refs.email)

  const [submit, pending] = useGuardedAction(async () => {
    const address = email.trim()
    const invalid = collectErrors({ email: checkEmail(address, t) })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      await send(address)
      onSent(address)
    } catch (error) {
      show(describeError(error, t, { email: 'email' }))
    }
  })

  return (
    <Form ui={ui} error={errors.form} onSubmit={submit}>
      <EmailField ui={ui} ref={refs.email} value={email} onValueChange={setEmail} error={errors.fields.email} />
      <SubmitButton ui={ui} pending={pending} label={label} pendingLabel={pendingLabel} />
      <LinkButton ui={ui} onClick={onUsePassword}>
        {t.signIn.usePassword}
      </LinkButton>
    </Form>
  )
}
