import type { ReactNode } from 'react'
import type { User } from '@plinto/typescript-sdk'
import { useStatusAndUser } from './use-status-and-user'

/**
 * Props of {@link Protect}.
 *
 * @example
 * ```tsx
 * const props: ProtectProps = { condition: (user) => user.email_verified, fallback: <VerifyYourEmail /> }
 * ```
 */
export interface ProtectProps {
  /**
   * Extra check on the signed-in user; children render only when it returns true. Without it, being
   * signed in is enough. (Organization roles arrive with the organizations module.)
   */
  condition?: (user: User) => boolean
  /** Rendered when nobody is signed in or `condition` fails. Default: nothing. */
  fallback?: ReactNode
  children?: ReactNode
}

/**
 * Renders its children only for a signed-in user who passes `condition`; otherwise `fallback`. Renders
 * nothing while the session loads, so the fallback never flashes for a user who is in fact signed in.
 * This hides UI; it is not access control — your API must check the access token.
 *
 * @example
 * ```tsx
 * <Protect condition={(user) => user.email_verified} fallback={<p>Verify your email to see billing.</p>}>
 *   <Billing />
 * </Protect>
 * ```
 */
export function Protect({ condition, fallback = null, children }: ProtectProps): ReactNode {
  const { status, user } = useStatusAndUser('Protect')
  if (status === 'loading') return null
  return user && (!condition || condition(user)) ? children : fallback
}
