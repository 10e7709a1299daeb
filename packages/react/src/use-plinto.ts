import { useCallback, useMemo } from 'react'
import type { PlintoClient, User } from '@plinto/typescript-sdk'
import { useRequiredClient } from './use-required-client'
import { useStatusAndUser } from './use-status-and-user'

/**
 * What {@link usePlinto} returns.
 *
 * @example
 * ```tsx
 * const { user, isSignedIn }: UsePlintoResult = usePlinto()
 * ```
 */
export interface UsePlintoResult {
  /** The client of the nearest provider: `client.auth`, `client.on`, `client.getAccessToken()` … */
  client: PlintoClient
  /** The signed-in user, `null` while loading or when signed out. */
  user: User | null
  /** False until the stored session has been read (and always during server rendering), as in {@link useUser}. */
  isLoaded: boolean
  /** Whether a user is signed in, as in {@link useUser}. */
  isSignedIn: boolean
  /**
   * `!isLoaded`.
   * @deprecated Use `isLoaded` (the name `useUser` and `useSession` use); `isLoading` goes in the next minor version.
   * @example `const { isLoaded } = usePlinto() // was: const { isLoading } = usePlinto()`
   */
  isLoading: boolean
  /**
   * `isSignedIn`.
   * @deprecated Use `isSignedIn` (the name `useUser` and `useSession` use); `isAuthenticated` goes in the next minor
   * version.
   * @example `const { isSignedIn } = usePlinto() // was: const { isAuthenticated } = usePlinto()`
   */
  isAuthenticated: boolean
  /** Fetches the user again (`GET /auth/me`); the new data reaches every consumer. `null` when signed out. */
  refreshUser: () => Promise<User | null>
}

/**
 * The client and the current user. Re-renders when the user signs in or out or their profile changes,
 * not when the access token is refreshed.
 *
 * @example
 * ```tsx
 * function Greeting() {
 *   const { user, isLoaded, isSignedIn, refreshUser } = usePlinto()
 *   if (!isLoaded) return <Spinner />
 *   return isSignedIn ? <p>Hello {user!.first_name ?? user!.email}</p> : <a href="/sign-in">Sign in</a>
 * }
 * ```
 */
export function usePlinto(): UsePlintoResult {
  return usePlintoAs('usePlinto')
}

/** {@link usePlinto} under another hook's name, so a missing provider is reported as that hook. */
export function usePlintoAs(hookName: string): UsePlintoResult {
  const client = useRequiredClient(hookName)
  const { status, user } = useStatusAndUser(hookName)
  const refreshUser = useCallback(() => client.auth.getCurrentUser(), [client])
  return useMemo(() => {
    const isLoaded = status !== 'loading'
    const isSignedIn = status === 'signed_in'
    return { client, user, isLoaded, isSignedIn, isLoading: !isLoaded, isAuthenticated: isSignedIn, refreshUser }
  }, [client, user, status, refreshUser])
}
