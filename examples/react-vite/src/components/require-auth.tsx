import { useUser } from '@plinto/ui'
import { Navigate, Outlet, useLocation } from 'react-router'
import { withReturnTo } from '../return-to'

/**
 * The gate of the signed-in pages: while the session loads it shows a loading line (no flash of the
 * sign-in page); signed out, it sends the user to sign in and back here afterwards. It only hides pages:
 * the API checks the access token on every request.
 */
export function RequireAuth() {
  const { isLoaded, isSignedIn } = useUser()
  const location = useLocation()
  if (!isLoaded) {
    return (
      <p className="loading" aria-busy="true">
        Loading…
      </p>
    )
  }
  if (!isSignedIn) return <Navigate to={withReturnTo('/sign-in', location.pathname + location.search)} replace />
  return <Outlet />
}
