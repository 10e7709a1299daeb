import { useMemo } from 'react'
import type { AcceptInvitationResponse, CreateOrganizationRequest, Organization } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useOrganizations} returns.
 *
 * @example
 * ```tsx
 * const { data: organizations, createOrganization, acceptInvitation }: UseOrganizationsResult = useOrganizations()
 * ```
 */
export interface UseOrganizationsResult extends QueryResult<Organization[]> {
  /**
   * Creates an organization (the user becomes its owner); the list is fresh when it resolves. `SLUG_TAKEN` if the slug
   * is used.
   */
  createOrganization: (request: CreateOrganizationRequest) => Promise<Organization>
  /**
   * Joins an organization with the token of an invitation email (`?token=` of its link); the list is fresh
   * (it includes the organization) when it resolves. Resolves with the organization and the user's role in
   * it; does not make it the active one (call `setActive`). `INVALID_TOKEN` for an expired, revoked or used
   * invitation, `FORBIDDEN` when it was sent to another address than the signed-in user's.
   */
  acceptInvitation: (token: string) => Promise<AcceptInvitationResponse>
  /** Makes an organization the active one (`null` for none); same as `useOrganization().setActive`. */
  setActive: (id: string | null) => Promise<void>
}

/**
 * The organizations the signed-in user belongs to, sorted by name, each with the user's `role`, and
 * actions to create one or join one through an invitation.
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
 *
 * // on the page the invitation email links to (/accept-invitation?token=…)
 * function AcceptInvitation({ token }: { token: string }) {
 *   const { acceptInvitation, setActive } = useOrganizations()
 *   const accept = async () => {
 *     const { organization } = await acceptInvitation(token)
 *     await setActive(organization.id)
 *   }
 *   return <button onClick={() => void accept()}>Accept invitation</button>
 * }
 * ```
 */
export function useOrganizations(): UseOrganizationsResult {
  const client = useRequiredClient('useOrganizations')
  const { userId } = useAccountKeys('useOrganizations')
  const query = useQuery(
    'useOrganizations',
    userId && `organizations:${userId}`,
    async () => (await client.organizations.listOrganizations()).organizations,
  )
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    return {
      async createOrganization(request: CreateOrganizationRequest) {
        const organization = await client.organizations.createOrganization(request)
        await cache.invalidate('organizations:')
        return organization
      },
      async acceptInvitation(token: string) {
        const joined = await client.organizations.acceptInvitation(token)
        await cache.invalidate('organizations:')
        return joined
      },
      setActive: client.organizations.setActive,
    }
  }, [client])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}
