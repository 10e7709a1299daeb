import { useMemo } from 'react'
import type { Member, OrganizationRole } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useOrganizationMembers} returns.
 *
 * @example
 * ```tsx
 * const { data: members, updateRole, remove }: UseOrganizationMembersResult = useOrganizationMembers()
 * ```
 */
export interface UseOrganizationMembersResult extends QueryResult<Member[]> {
  /** Changes a member's role (owner or admin; admins cannot touch owners; the last owner stays owner). */
  updateRole: (userId: string, role: OrganizationRole) => Promise<Member>
  /** Removes a member, or leaves when `userId` is the signed-in user's own. */
  remove: (userId: string) => Promise<void>
}

/**
 * The members of an organization — the active one unless `organizationId` is given — with role changes
 * and removal. Each action refreshes the members (and the organization's member count) before it resolves.
 *
 * @example
 * ```tsx
 * const { data: members, updateRole } = useOrganizationMembers()
 * members?.map((m) => <RoleSelect key={m.user_id} value={m.role} onChange={(role) => updateRole(m.user_id, role)} />)
 * ```
 */
export function useOrganizationMembers(organizationId?: string): UseOrganizationMembersResult {
  const client = useRequiredClient('useOrganizationMembers')
  const keys = useAccountKeys('useOrganizationMembers')
  const id = organizationId ?? keys.organizationId
  const query = useQuery(
    'useOrganizationMembers',
    keys.userId && id ? `members:${keys.userId}:${id}` : null,
    // biome-ignore lint/style/noNonNullAssertion: useQuery only fetches with a non-null key, which requires an id
    async () => (await client.organizations.listMembers(id!)).members,
  )
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    const refresh = () =>
      Promise.all([cache.invalidate('members:'), cache.invalidate('organization:'), cache.invalidate('organizations:')])
    const need = () => {
      if (!id) throw new Error('useOrganizationMembers: no organization is active')
      return id
    }
    return {
      async updateRole(userId: string, role: OrganizationRole) {
        const member = await client.organizations.updateMemberRole(need(), userId, role)
        await refresh()
        return member
      },
      async remove(userId: string) {
        await client.organizations.removeMember(need(), userId)
        await refresh()
      },
    }
  }, [client, id])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}
