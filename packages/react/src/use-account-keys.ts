import type { AuthSnapshot, OrganizationRole } from '@plinto/typescript-sdk'
import { useAuthSelector } from './use-auth-selector'

const selectUserId = (snapshot: AuthSnapshot) => snapshot.user?.id ?? null
const selectOrganizationId = (snapshot: AuthSnapshot) =>
  snapshot.status === 'signed_in' ? snapshot.organizationId : null
const selectOrganizationRole = (snapshot: AuthSnapshot) =>
  snapshot.status === 'signed_in' ? snapshot.organizationRole : null

/**
 * The signed-in user's role in the active organization as the access token says (`org_role`, what backends
 * authorize by; the server re-checks it at every refresh); `null` for none. Known without a request.
 */
export function useOrganizationRole(hookName: string): OrganizationRole | null {
  return useAuthSelector(hookName, selectOrganizationRole)
}

/**
 * The signed-in user's ID and the active organization's, for query keys: data of one user (or one
 * organization) is never shown for another, and a token refresh does not re-render (IDs do not change).
 */
export function useAccountKeys(hookName: string): { userId: string | null; organizationId: string | null } {
  const userId = useAuthSelector(hookName, selectUserId)
  const organizationId = useAuthSelector(hookName, selectOrganizationId)
  return { userId, organizationId }
}
