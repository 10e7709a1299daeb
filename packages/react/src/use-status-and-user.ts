import type { AuthSnapshot } from '@plinto/typescript-sdk'
import { useAuthSelector } from './use-auth-selector'

export type StatusAndUser = Pick<AuthSnapshot, 'status' | 'user'>

// Module-level so the selector keeps its identity between renders.
const selectStatusAndUser = (snapshot: AuthSnapshot): StatusAndUser => ({
  status: snapshot.status,
  user: snapshot.user,
})
// The client's snapshot keeps an unchanged user the very same object (structural sharing), so identity is
// enough: a token refresh makes a new snapshot with the same user.
const sameStatusAndUser = (a: StatusAndUser, b: StatusAndUser) => a.status === b.status && a.user === b.user

/**
 * `status` and `user` of the snapshot, ignoring token refreshes: the shared core of the hooks that only
 * need those (usePlinto, useAuth, useUser, SignedIn, SignedOut, Protect).
 */
export function useStatusAndUser(hookName: string): StatusAndUser {
  return useAuthSelector(hookName, selectStatusAndUser, sameStatusAndUser)
}
