// Loaded with import() by ReauthenticationHost the first time a sensitive action needs it. Built on its own (see
// tsup.config.ts): index.js re-exports ReauthenticationDialog, and a module both re-exported statically and
// imported dynamically would land in a chunk of every app's first load, with the account screens' text.

import { UiContext, type UiOptions } from '../ui-context'
import { ReauthenticationDialog } from './reauthentication-dialog'

export interface ReauthenticationHostDialogProps {
  /** The provider's presentation options (this module is built on its own, with its own copy of the context). */
  context: UiOptions
}

/** {@link ReauthenticationDialog} under the provider's presentation options. */
export default function ReauthenticationHostDialog({ context }: ReauthenticationHostDialogProps) {
  return (
    <UiContext.Provider value={context}>
      <ReauthenticationDialog />
    </UiContext.Provider>
  )
}
