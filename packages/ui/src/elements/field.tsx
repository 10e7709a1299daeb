import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react'
import type { Ui } from '../internal/use-ui'

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  ui: Ui
  label: string
  value: string
  onValueChange: (value: string) => void
  optional?: boolean
  hint?: string
  error?: string
  /** Shown at the end of the label row (e.g. "Forgot password?"). */
  labelAction?: ReactNode
}

/**
 * A labelled input with its hint and error. The error is tied to the input with `aria-invalid` and
 * `aria-describedby`, so moving focus to an invalid field reads out what is wrong with it.
 */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { ui, label, value, onValueChange, optional, hint, error, labelAction, id, ...input },
  ref,
) {
  const generated = useId()
  const inputId = id ?? `plinto-${generated}`
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className={ui.cx('field')}>
      <div className={ui.cx('labelRow')}>
        <label htmlFor={inputId} className={ui.cx('label')}>
          {label}
          {optional ? ` ${ui.t.fields.optional}` : null}
        </label>
        {labelAction}
      </div>
      <input
        {...input}
        ref={ref}
        id={inputId}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={ui.cx('input', error ? 'invalid' : undefined)}
      />
      {error ? (
        <p id={errorId} className={ui.cx('fieldError')}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className={ui.cx('hint')}>
          {hint}
        </p>
      ) : null}
    </div>
  )
})
