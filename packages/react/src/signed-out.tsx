import type { ReactNode } from 'react'
import { useStatusAndUser } from './use-status-and-user'

/**
 * Props of {@link SignedOut}.
 *
 * @example
 * ```tsx
 * const props: SignedOutProps = { children: <a href="/sign-in">Sign in</a> }
 * ```
 */
export interface SignedOutProps {
  children?: ReactNode
}

/**
 * Renders its children only when nobody is signed in (nothing while the session loads, so a signed-in
 * user never sees a flash of "Sign in").
 *
 * @example
 * ```tsx
 * <SignedOut>
 *   <a href="/sign-in">Sign in</a>
 * </SignedOut>
 * ```
 */
export function SignedOut({ children }: SignedOutProps): ReactNode {
  return useStatusAndUser('SignedOut').status === 'signed_out' ? children : null
}
