// Loaded with import() by the provider's ReauthenticationHost the first time a sensitive action is refused. Built as a
// file of its own (tsup.config.ts, like the account dialogs): index.js re-exports ReauthenticationDialog, and a
// module an app reaches both statically and through import() lands in its first load together with what it imports
// (the account screens' text). Self-contained, it shares nothing with the first load but React, @plinto/react and the
// SDK, so it gets the provider's presentation options as a prop (its copy of the UI context is not the provider's).

import { UiContext, type UiOptions } from '../ui-context'
import { ReauthenticationDialog } from './reauthentication-dialog'

export interface ReauthenticationDialogEntryProps {
  /** The provider's presentation options. */
  context: UiOptions
}

/** The dialog under the provider's presentation options. */
export default function ReauthenticationDialogEntry({ context }: ReauthenticationDialogEntryProps) {
  return (
    <UiContext.Provider value={context}>
      <ReauthenticationDialog />
    </UiContext.Provider>
  )
}
