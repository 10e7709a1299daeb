import type { FormEvent, ReactNode } from 'react'
import type { Ui } from '../internal/use-ui'
import { FormAlert } from './form-alert'

export interface FormProps {
  ui: Ui
  /** The form-level error, shown in the alert at the top. */
  error: string | undefined
  /** Runs on submit (the browser's submission is prevented). */
  onSubmit: () => unknown
  children: ReactNode
}

/** Every form's shell: our own validation (`noValidate`), no page load on submit, and the error alert first. */
export function Form({ ui, error, onSubmit, children }: FormProps) {
  return (
    <form
      noValidate
      className={ui.cx('form')}
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        void onSubmit()
      }}
    >
      <FormAlert ui={ui} message={error} />
      {children}
    </form>
  )
}
