import { useMemo } from 'react'
import type { User } from '@plinto/typescript-sdk'
import { useStatusAndUser } from './use-status-and-user'

/**
 * What {@link useUser} returns.
 *
 * @example
 * ```tsx
 * const { user, isLoaded, isSignedIn }: UseUserResult = useUser()
 * ```
 */
export type UseUserResult =
  | { user: null; isLoaded: false; isSignedIn: false }
  | { user: null; isLoaded: true; isSignedIn: false }
  | { user: User; isLoaded: true; isSignedIn: true }

/**
 * The signed-in user. Re-renders only when the user signs in or out or their data changes — never on a
 * token refresh. `isLoaded` is false until the stored session has been read (and during server rendering);
 * once `isSignedIn` is true, TypeScript knows `user` is not null.
 *
 * @example
 * ```tsx
 * function Avatar() {
 *   const { user, isLoaded, isSignedIn } = useUser()
 *   if (!isLoaded) return <Skeleton />
 *   return isSignedIn ? <img src={user.profile_image_url ?? '/default.png'} alt={user.email} /> : null
 * }
 * ```
 */
export function useUser(): UseUserResult {
  const { status, user } = useStatusAndUser('useUser')
  return useMemo((): UseUserResult => {
    if (status === 'signed_in' && user) return { user, isLoaded: true, isSignedIn: true }
    return status === 'loading'
      ? { user: null, isLoaded: false, isSignedIn: false }
      : { user: null, isLoaded: true, isSignedIn: false }
  }, [status, user])
}
