import type { FormEvent, ReactNode } from 'react'
import { FormPrimaryContext, usePrimaryAction } from '../internal/primary-action'
import type { Ui } from '../internal/use-ui'
import { FormAlert } from './form-alert'

export interface FormProps {
  ui: Ui
  /** The form-level error, shown in the alert at the top. */
  error: string | undefined
  /** Runs on submit (the browser's submission is prevented). */
  onSubmit: () => unknown
  children: ReactNode
  /**
   * The form opens on request (a set-up step, a code confirmation): it holds its pane's primary button as soon
   * as it appears. Otherwise it takes it when focus enters it (../internal/primary-action).
   */
  opensOnRequest?: boolean
}

/** Every form's shell: our own validation (`noValidate`), no page load on submit, and the error alert first. */
export function Form({ ui, error, onSubmit, children, opensOnRequest = false }: FormProps) {
  const { primary, claim } = usePrimaryAction({ claimOnMount: opensOnRequest })
  return (
    <form
      noValidate
      className={ui.cx('form')}
      onFocus={claim}
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        void onSubmit()
      }}
    >
      <FormAlert ui={ui} message={error} />
      <FormPrimaryContext.Provider value={primary}>{children}</FormPrimaryContext.Provider>
    </form>
  )
}
