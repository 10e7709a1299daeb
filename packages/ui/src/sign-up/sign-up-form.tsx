import { useState } from 'react'
import { useAuth } from '@plinto/react'
import type { User } from '@plinto/typescript-sdk'
import { EmailField } from '../elements/email-field'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkEmail,
  checkNewPassword,
  collectErrors,
} from '../internal/validate'

const FIELDS = ['firstName', 'lastName', 'email', 'password'] as const

export interface SignUpFormProps {
  ui: Ui
  nameFields: boolean
  onSignedUp: (user: User) => void
}

/** Name (optional), email and password; the password rules are the server's: 8–128 characters, nothing else. */
export function SignUpForm({ ui, nameFields, onSignedUp }: SignUpFormProps) {
  const { t } = ui
  const { signUp } = useAuth()
  const [values, setValues] = useState({ firstName: '', lastName: '', email: '', password: '' })
  const set = (field: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }))
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [submit, pending] = useGuardedAction(async () => {
    const email = values.email.trim()
    const invalid = collectErrors({ email: checkEmail(email, t), password: checkNewPassword(values.password, t) })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      const firstName = values.firstName.trim()
      const lastName = values.lastName.trim()
      const { user } = await signUp({
        email,
        password: values.password,
        ...(firstName ? { first_name: firstName } : {}),
        ...(lastName ? { last_name: lastName } : {}),
      })
      onSignedUp(user)
    } catch (error) {
      show(
        describeError(error, t, {
          first_name: 'firstName',
          last_name: 'lastName',
          email: 'email',
          password: 'password',
        }),
      )
    }
  })

  return (
    <Form ui={ui} error={errors.form} onSubmit={submit}>
      {nameFields ? (
        <>
          <Field
            ui={ui}
            ref={refs.firstName}
            label={t.fields.firstName}
            optional
            name="first_name"
            autoComplete="given-name"
            maxLength={100}
            value={values.firstName}
            onValueChange={set('firstName')}
            error={errors.fields.firstName}
          />
          <Field
            ui={ui}
            ref={refs.lastName}
            label={t.fields.lastName}
            optional
            name="last_name"
            autoComplete="family-name"
            maxLength={100}
            value={values.lastName}
            onValueChange={set('lastName')}
            error={errors.fields.lastName}
          />
        </>
      ) : null}
      <EmailField
        ui={ui}
        ref={refs.email}
        value={values.email}
        onValueChange={set('email')}
        error={errors.fields.email}
      />
      <Field
        ui={ui}
        ref={refs.password}
        label={t.fields.password}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        hint={t.hints.newPassword(PASSWORD_MIN_LENGTH)}
        value={values.password}
        onValueChange={set('password')}
        error={errors.fields.password}
      />
      <SubmitButton ui={ui} pending={pending} label={t.signUp.submit} pendingLabel={t.signUp.submitting} />
    </Form>
  )
}
