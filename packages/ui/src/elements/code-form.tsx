import { useEffect, useState, type ReactNode } from 'react'
import { describeError } from '../internal/describe-error'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { Field } from './field'
import { Form } from './form'
import { SubmitButton } from './submit-button'

const FIELDS = ['code'] as const

export interface CodeFormProps {
  ui: Ui
  label: string
  hint?: string
  submitLabel: string
  pendingLabel: string
  /** Sends the code; a rejection is shown (a wrong code at the field). */
  onSubmit: (code: string) => Promise<void>
  /** Focus the field when the form appears (a new step). */
  autoFocus?: boolean
  /** Extra buttons after the submit button (e.g. Cancel). */
  children?: ReactNode
  /** See Form's `opensOnRequest`: a code step that appears on request holds its pane's primary button. */
  opensOnRequest?: boolean
}

/** One code field and its button: TOTP and SMS verification, turning a factor off, new backup codes. */
export function CodeForm({
  ui,
  label,
  hint,
  submitLabel,
  pendingLabel,
  onSubmit,
  autoFocus,
  children,
  opensOnRequest,
}: CodeFormProps) {
  const { t } = ui
  const [code, setCode] = useState('')
  const { errors, show, refs } = useFormErrors(FIELDS)
  useEffect(() => {
    if (autoFocus) refs.code.current?.focus()
  }, [autoFocus, refs])

  const [submit, pending] = useGuardedAction(async () => {
    const value = code.replace(/\s+/g, '')
    if (!value) return show({ fields: { code: t.validation.codeRequired } })
    show({ fields: {} })
    try {
      await onSubmit(value)
    } catch (error) {
      show(describeError(error, t, { code: 'code' }))
    }
  })

  return (
    <Form ui={ui} error={errors.form} onSubmit={submit} opensOnRequest={opensOnRequest}>
      <Field
        ui={ui}
        ref={refs.code}
        label={label}
        hint={hint}
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        value={code}
        onValueChange={setCode}
        error={errors.fields.code}
      />
      <SubmitButton ui={ui} pending={pending} label={submitLabel} pendingLabel={pendingLabel} />
      {children}
    </Form>
  )
}
