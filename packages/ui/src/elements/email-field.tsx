import { forwardRef } from 'react'
import { Field, type FieldProps } from './field'

export type EmailFieldProps = Omit<FieldProps, 'label'> & { label?: string }

/**
 * The email address field, the same wherever one is asked for (label, type, autofill, no autocapitalize); props
 * override.
 */
export const EmailField = forwardRef<HTMLInputElement, EmailFieldProps>(function EmailField(
  { ui, label = ui.t.fields.email, ...props },
  ref,
) {
  return (
    <Field
      ui={ui}
      ref={ref}
      label={label}
      name="email"
      type="email"
      autoComplete="email"
      autoCapitalize="none"
      spellCheck={false}
      {...props}
    />
  )
})
