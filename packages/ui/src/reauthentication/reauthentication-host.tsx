import { lazy, Suspense, useContext } from 'react'
import { useReauthentication } from '@plinto/react'
import { UiContext } from '../ui-context'

// The dialog, its form and the account screens' text are a file of their own, downloaded the first time a
// sensitive action needs it: an app's first load carries only this host and the hook.
const Dialog = /* @__PURE__ */ lazy(() => import('./reauthentication-host-dialog'))

/**
 * Mounted by the UI's PlintoProvider: while it is mounted, a call refused with `REAUTH_REQUIRED` waits for the person
 * to confirm in {@link Dialog} (loaded on first need), then runs again once.
 */
export function ReauthenticationHost() {
  const pending = useReauthentication()
  const context = useContext(UiContext)
  return pending ? (
    <Suspense fallback={null}>
      <Dialog context={context} />
    </Suspense>
  ) : null
}
