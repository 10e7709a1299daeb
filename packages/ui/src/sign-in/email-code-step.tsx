import { useState } from 'react'
import { useAuth } from '@plinto/react'
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

export interface EmailCodeStepProps {
  ui: Ui
  /** Prefills the field (the address typed on the password step, if it was one). */
  initialEmail: string
  onSent: (email: string) => void
  onUsePassword: () => void
}

/** "Email me a code": asks for the address and sends a 6-digit sign-in code to it. */
export function EmailCodeStep({ ui, initialEmail, onSent, onUsePassword }: EmailCodeStepProps) {
  const { t } = ui
  const { sendEmailCode } = useAuth()
  const [email, setEmail] = useState(initialEmail)
  const { errors, show, refs } = useFormErrors(FIELDS)
  useFocusOnMount(refs.email)

  const [submit, pending] = useGuardedAction(async () => {
    const address = email.trim()
    const invalid = collectErrors({ email: checkEmail(address, t) })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      await sendEmailCode({ email: address, purpose: 'sign_in' })
      onSent(address)
    } catch (error) {
      show(describeError(error, t, { email: 'email' }))
    }
  })

  return (
    <Form ui={ui} error={errors.form} onSubmit={submit}>
      <EmailField ui={ui} ref={refs.email} value={email} onValueChange={setEmail} error={errors.fields.email} />
      <SubmitButton ui={ui} pending={pending} label={t.emailCode.send} pendingLabel={t.emailCode.sending} />
      <LinkButton ui={ui} onClick={onUsePassword}>
        {t.signIn.usePassword}
      </LinkButton>
    </Form>
  )
}
