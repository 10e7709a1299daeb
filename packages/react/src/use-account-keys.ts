import type { AuthSnapshot } from '@plinto/typescript-sdk'
import { useAuthSelector } from './use-auth-selector'

const selectUserId = (snapshot: AuthSnapshot) => snapshot.user?.id ?? null
const selectOrganizationId = (snapshot: AuthSnapshot) =>
  snapshot.status === 'signed_in' ? snapshot.organizationId : null

/**
 * The signed-in user's ID and the active organization's, for query keys: data of one user (or one
 * organization) is never shown for another, and a token refresh does not re-render (IDs do not change).
 */
export function useAccountKeys(hookName: string): { userId: string | null; organizationId: string | null } {
  const userId = useAuthSelector(hookName, selectUserId)
  const organizationId = useAuthSelector(hookName, selectOrganizationId)
  return { userId, organizationId }
}
