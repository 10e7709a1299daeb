import { useMemo } from 'react'
import type { AuthSnapshot } from '@plinto/typescript-sdk'
import { useAuthSelector } from './use-auth-selector'

/**
 * What {@link useSession} returns.
 *
 * @example
 * ```tsx
 * const { status, expiresAt }: UseSessionResult = useSession()
 * ```
 */
export interface UseSessionResult {
  status: AuthSnapshot['status']
  /** When the current access token expires (ms since the epoch); `null` unless signed in. Moves on every refresh. */
  expiresAt: number | null
  isLoaded: boolean
  isSignedIn: boolean
}

const selectStatus = (snapshot: AuthSnapshot) => snapshot.status
const selectExpiresAt = (snapshot: AuthSnapshot) => snapshot.expiresAt

/**
 * The session's status and the access token's expiry. Unlike {@link useUser}, this re-renders on every
 * token refresh (that is what `expiresAt` is about); use it where the expiry is shown or acted on.
 *
 * @example
 * ```tsx
 * function SessionBadge() {
 *   const { isSignedIn, expiresAt } = useSession()
 *   return isSignedIn ? <small>token valid until {new Date(expiresAt!).toLocaleTimeString()}</small> : null
 * }
 * ```
 */
export function useSession(): UseSessionResult {
  const status = useAuthSelector('useSession', selectStatus)
  const expiresAt = useAuthSelector('useSession', selectExpiresAt)
  return useMemo(
    () => ({ status, expiresAt, isLoaded: status !== 'loading', isSignedIn: status === 'signed_in' }),
    [status, expiresAt],
  )
}
