import { useMemo } from 'react'
import type { Invitation, InviteMemberRequest } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useOrganizationInvitations} returns.
 *
 * @example
 * ```tsx
 * const { data: invitations, invite, revoke }: UseOrganizationInvitationsResult = useOrganizationInvitations()
 * ```
 */
export interface UseOrganizationInvitationsResult extends QueryResult<Invitation[]> {
  /** Invites someone by email (owner or admin; only owners invite owners); the server emails the link. */
  invite: (request: InviteMemberRequest) => Promise<Invitation>
  /** Revokes a pending invitation; its link stops working. */
  revoke: (invitationId: string) => Promise<void>
}

/**
 * The invitations of an organization (the active one unless `organizationId` is given), newest first,
 * with invite and revoke. Only owners and admins may list them; for members `error` is `FORBIDDEN`.
 *
 * @example
 * ```tsx
 * const { data: invitations, invite } = useOrganizationInvitations()
 * await invite({ email: 'bob@example.com', role: 'member' })
 * ```
 */
export function useOrganizationInvitations(organizationId?: string): UseOrganizationInvitationsResult {
  const client = useRequiredClient('useOrganizationInvitations')
  const keys = useAccountKeys('useOrganizationInvitations')
  const id = organizationId ?? keys.organizationId
  const query = useQuery(
    'useOrganizationInvitations',
    keys.userId && id ? `invitations:${keys.userId}:${id}` : null,
    // biome-ignore lint/style/noNonNullAssertion: useQuery only fetches with a non-null key, which requires an id
    async () => (await client.organizations.listInvitations(id!)).invitations,
  )
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    const need = () => {
      if (!id) throw new Error('useOrganizationInvitations: no organization is active')
      return id
    }
    return {
      async invite(request: InviteMemberRequest) {
        const invitation = await client.organizations.inviteMember(need(), request)
        await cache.invalidate('invitations:')
        return invitation
      },
      async revoke(invitationId: string) {
        await client.organizations.revokeInvitation(need(), invitationId)
        await cache.invalidate('invitations:')
      },
    }
  }, [client, id])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}
