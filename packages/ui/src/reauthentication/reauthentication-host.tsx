import { lazy, Suspense } from 'react'
import { useReauthentication } from '@plinto/react'

// The dialog, its form and the account screens' text are a chunk of their own, downloaded the first time a
// sensitive action needs it: an app's first load carries only this host and the hook.
const Dialog = lazy(() => import('./reauthentication-dialog'))

/**
 * Mounted by the UI's PlintoProvider: while it is mounted, a call refused with `REAUTH_REQUIRED` waits for the person
 * to confirm in {@link Dialog} (loaded on first need), then runs again once.
 */
export function ReauthenticationHost() {
  const pending = useReauthentication()
  return pending ? (
    <Suspense fallback={null}>
      <Dialog />
    </Suspense>
  ) : null
}
