import { useMemo } from 'react'
import type { CreateOrganizationRequest, Organization } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useOrganizations} returns.
 *
 * @example
 * ```tsx
 * const { data: organizations, createOrganization }: UseOrganizationsResult = useOrganizations()
 * ```
 */
export interface UseOrganizationsResult extends QueryResult<Organization[]> {
  /** Creates an organization (the user becomes its owner); the list is fresh when it resolves. `SLUG_TAKEN` if the slug is used. */
  createOrganization: (request: CreateOrganizationRequest) => Promise<Organization>
  /** Makes an organization the active one (`null` for none); same as `useOrganization().setActive`. */
  setActive: (id: string | null) => Promise<void>
}

/**
 * The organizations the signed-in user belongs to, sorted by name, each with the user's `role`, and an
 * action to create one.
 *
 * @example
 * ```tsx
 * function Orgs() {
 *   const { data: organizations, setActive, createOrganization } = useOrganizations()
 *   return (
 *     <>
 *       {organizations?.map((o) => <button key={o.id} onClick={() => setActive(o.id)}>{o.name} ({o.role})</button>)}
 *       <button onClick={() => createOrganization({ name: 'Acme Corp', slug: 'acme-corp' })}>New</button>
 *     </>
 *   )
 * }
 * ```
 */
export function useOrganizations(): UseOrganizationsResult {
  const client = useRequiredClient('useOrganizations')
  const { userId } = useAccountKeys('useOrganizations')
  const query = useQuery('useOrganizations', userId && `organizations:${userId}`, async () => (await client.organizations.listOrganizations()).organizations)
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    return {
      async createOrganization(request: CreateOrganizationRequest) {
        const organization = await client.organizations.createOrganization(request)
        await cache.invalidate('organizations:')
        return organization
      },
      setActive: client.organizations.setActive,
    }
  }, [client])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}
