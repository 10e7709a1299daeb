import { useMemo } from 'react'
import type { Organization, OrganizationRole, UpdateOrganizationRequest } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys, useOrganizationRole } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useOrganization} returns: the active organization (`data`, `null` when none is active).
 *
 * @example
 * ```tsx
 * const { data: organization, role, setActive }: UseOrganizationResult = useOrganization()
 * ```
 */
export interface UseOrganizationResult extends QueryResult<Organization | null> {
  /** The active organization's ID (from the client's state, known before `data` loads); `null` for none. */
  organizationId: string | null
  /**
   * The signed-in user's role in it, from the access token (known before `data` loads; the server re-checks it
   * at every refresh, so a role change shows after the next one); `null` when none is active.
   */
  role: OrganizationRole | null
  /** Switches the active organization (`null` for none); `organizationChanged` fires and this hook follows. */
  setActive: (id: string | null) => Promise<void>
  /** Changes the active organization's name, slug or description (owner or admin). */
  update: (patch: UpdateOrganizationRequest) => Promise<Organization>
}

/**
 * The active organization of the client (`client.organizations.setActive`), with the user's role in it.
 * Switching organizations (here, in another component or another tab) re-renders with the new one; the
 * data of each organization is cached separately.
 *
 * @example
 * ```tsx
 * function OrgHeader() {
 *   const { data: organization, role, isLoading } = useOrganization()
 *   if (isLoading) return null
 *   return organization ? <h2>{organization.name} <small>{role}</small></h2> : <p>Personal account</p>
 * }
 * ```
 */
export function useOrganization(): UseOrganizationResult {
  const client = useRequiredClient('useOrganization')
  const { userId, organizationId } = useAccountKeys('useOrganization')
  const tokenRole = useOrganizationRole('useOrganization')
  const active = userId && organizationId
  const query = useQuery<Organization | null>(
    'useOrganization',
    active ? `organization:${userId}:${organizationId}` : null,
    // biome-ignore lint/style/noNonNullAssertion: useQuery only fetches with a non-null key, which requires an organization id
    () => client.organizations.getOrganization(organizationId!),
  )
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    return {
      setActive: client.organizations.setActive,
      async update(patch: UpdateOrganizationRequest) {
        const id = client.getSnapshot().organizationId
        if (!id) throw new Error('useOrganization().update: no organization is active')
        const organization = await client.organizations.updateOrganization(id, patch)
        await Promise.all([cache.invalidate('organization:'), cache.invalidate('organizations:')])
        return organization
      },
    }
  }, [client])
  return useMemo(
    () => ({
      ...query,
      // No active organization: `null`, not `undefined` (nothing to wait for).
      data: active ? query.data : userId ? null : undefined,
      organizationId,
      role: active ? tokenRole : null,
      ...actions,
    }),
    [query, active, userId, organizationId, tokenRole, actions],
  )
}
