import { useMemo } from 'react'
import type { AuthModule } from '@plinto/typescript-sdk'
import { usePlintoAs, type UsePlintoResult } from './use-plinto'

/**
 * What {@link useAuth} returns: {@link UsePlintoResult} plus the auth actions, bound to the provider's
 * client. The actions keep their identity between renders (safe in dependency arrays).
 *
 * @example
 * ```tsx
 * const { signIn, isLoaded }: UseAuthResult = useAuth()
 * ```
 */
export interface UseAuthResult
  extends UsePlintoResult,
    Pick<
      AuthModule,
      | 'signIn'
      | 'signUp'
      | 'signOut'
      | 'verifyMfaChallenge'
      | 'sendMagicLink'
      | 'verifyMagicLink'
      | 'sendEmailCode'
      | 'signInWithEmailCode'
      | 'verifyEmailWithCode'
      | 'forgotPassword'
      | 'resetPassword'
      | 'verifyEmail'
      | 'resendVerification'
      | 'changePassword'
    > {}

/**
 * The current user plus the auth actions. Same re-render rules as {@link usePlinto}. Every action throws
 * a `PlintoError` on failure (check `err.code`); a sign-in that needs a second factor throws
 * `MFA_REQUIRED` with `err.mfaToken`.
 *
 * @example
 * ```tsx
 * function SignOutButton() {
 *   const { isSignedIn, signOut } = useAuth()
 *   return isSignedIn ? <button onClick={() => signOut()}>Sign out</button> : null
 * }
 * ```
 */
export function useAuth(): UseAuthResult {
  const plinto = usePlintoAs('useAuth')
  const { auth } = plinto.client
  return useMemo(
    () => ({
      ...plinto,
      signIn: auth.signIn,
      signUp: auth.signUp,
      signOut: auth.signOut,
      verifyMfaChallenge: auth.verifyMfaChallenge,
      sendMagicLink: auth.sendMagicLink,
      verifyMagicLink: auth.verifyMagicLink,
      sendEmailCode: auth.sendEmailCode,
      signInWithEmailCode: auth.signInWithEmailCode,
      verifyEmailWithCode: auth.verifyEmailWithCode,
      forgotPassword: auth.forgotPassword,
      resetPassword: auth.resetPassword,
      verifyEmail: auth.verifyEmail,
      resendVerification: auth.resendVerification,
      changePassword: auth.changePassword,
    }),
    [plinto, auth],
  )
}
