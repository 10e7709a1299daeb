import type { ReactNode } from 'react'
import type { OrganizationRole, User } from '@plinto/typescript-sdk'
import { useOrganizationRole } from './use-account-keys'
import { useStatusAndUser } from './use-status-and-user'

/**
 * Props of {@link Protect}.
 *
 * @example
 * ```tsx
 * const props: ProtectProps = { role: 'admin', fallback: <p>Admins only.</p> }
 * ```
 */
export interface ProtectProps {
  /**
   * Extra check on the signed-in user; children render only when it returns true. Without it, being
   * signed in is enough.
   */
  condition?: (user: User) => boolean
  /**
   * The least role needed in the ACTIVE organization, with owner > admin > member (`role="admin"` lets
   * admins and owners in). Nobody passes without an active organization. The role is the access token's
   * (`org_role`), the one your backend authorizes by: no request, and a role change shows after the next refresh.
   */
  role?: OrganizationRole
  /** Rendered when nobody is signed in, `condition` fails or the role is too low. Default: nothing. */
  fallback?: ReactNode
  children?: ReactNode
}

const RANK: Record<OrganizationRole, number> = { member: 1, admin: 2, owner: 3 }

/**
 * Whether `role` is at least `required` in the hierarchy owner > admin > member.
 *
 * @example
 * ```ts
 * hasRole('owner', 'admin') // true
 * ```
 */
export function hasRole(role: OrganizationRole | null | undefined, required: OrganizationRole): boolean {
  return role ? RANK[role] >= RANK[required] : false
}

/**
 * Renders its children only for a signed-in user who passes `condition` and, with `role`, holds at least
 * that role in the active organization (the access token's `org_role`); otherwise `fallback`. Renders nothing
 * while the session loads, so the fallback never flashes for a user who is in fact allowed.
 * This hides UI; it is not access control — your API must check the access token (`verifyAccessToken`, then
 * `createHas(claims.org_role)({ role })` from `@plinto/typescript-sdk/server`).
 *
 * @example
 * ```tsx
 * <Protect condition={(user) => user.email_verified} fallback={<p>Verify your email to see billing.</p>}>
 *   <Billing />
 * </Protect>
 * <Protect role="admin" fallback={<p>Ask an admin of your organization.</p>}>
 *   <OrganizationSettings />
 * </Protect>
 * ```
 */
export function Protect({ condition, role, fallback = null, children }: ProtectProps): ReactNode {
  const { status, user } = useStatusAndUser('Protect')
  if (status === 'loading') return null
  if (!user || (condition && !condition(user))) return fallback
  // Only a role check reads (and fetches) the active organization.
  return role ? (
    <ProtectRole role={role} fallback={fallback}>
      {children}
    </ProtectRole>
  ) : (
    children
  )
}

function ProtectRole({
  role,
  fallback,
  children,
}: {
  role: OrganizationRole
  fallback: ReactNode
  children?: ReactNode
}): ReactNode {
  // The token's role: known with the session, so there is nothing to wait for and nothing to fetch.
  return hasRole(useOrganizationRole('Protect'), role) ? children : fallback
}
