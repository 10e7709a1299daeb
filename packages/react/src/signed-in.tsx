import type { ReactNode } from 'react'
import { useStatusAndUser } from './use-status-and-user'

/**
 * Props of {@link SignedIn}.
 *
 * @example
 * ```tsx
 * const props: SignedInProps = { children: <UserButton /> }
 * ```
 */
export interface SignedInProps {
  children?: ReactNode
}

/**
 * Renders its children only when a user is signed in (nothing while the session loads).
 *
 * @example
 * ```tsx
 * <SignedIn>
 *   <UserButton />
 * </SignedIn>
 * ```
 */
export function SignedIn({ children }: SignedInProps): ReactNode {
  return useStatusAndUser('SignedIn').status === 'signed_in' ? children : null
}
