import { useState } from 'react'
import { useAuth } from '@plinto/react'
import { isPlintoError } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { checkNewPassword, collectErrors, PASSWORD_MIN_LENGTH } from '../internal/validate'

const FIELDS = ['currentPassword', 'newPassword'] as const

/** Current and new password; a wrong current password is shown at its field. */
export function PasswordSection({ ui }: { ui: Ui }) {
  const { t } = ui
  const { changePassword } = useAuth()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [saved, setSaved] = useState<string>()
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [submit, pending] = useGuardedAction(async () => {
    setSaved(undefined)
    const invalid = collectErrors({
      currentPassword: current ? undefined : t.validation.passwordRequired,
      newPassword: checkNewPassword(next, t),
    })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      await changePassword({ current_password: current, new_password: next })
      setCurrent('')
      setNext('')
      setSaved(t.userProfile.passwordSaved)
    } catch (error) {
      if (isPlintoError(error) && error.code === 'INVALID_CREDENTIALS')
        return show({ fields: { currentPassword: t.errors.currentPasswordWrong } })
      show(
        describeError(error, t, {
          current_password: 'currentPassword',
          new_password: 'newPassword',
          password: 'newPassword',
        }),
      )
    }
  })

  return (
    <Section ui={ui} title={t.userProfile.passwordTitle}>
      <Form ui={ui} error={errors.form} onSubmit={submit}>
        <Field
          ui={ui}
          ref={refs.currentPassword}
          label={t.fields.currentPassword}
          name="current_password"
          type="password"
          autoComplete="current-password"
          value={current}
          onValueChange={setCurrent}
          error={errors.fields.currentPassword}
        />
        <Field
          ui={ui}
          ref={refs.newPassword}
          label={t.fields.newPassword}
          hint={t.hints.newPassword(PASSWORD_MIN_LENGTH)}
          name="new_password"
          type="password"
          autoComplete="new-password"
          value={next}
          onValueChange={setNext}
          error={errors.fields.newPassword}
        />
        <StatusMessage ui={ui} message={saved} />
        <SubmitButton
          ui={ui}
          pending={pending}
          label={t.userProfile.passwordSave}
          pendingLabel={t.userProfile.passwordSaving}
        />
      </Form>
    </Section>
  )
}
