import type { ModuleContext } from '../module-context'
import {
  AcceptInvitationResponseSchema,
  InvitationListResponseSchema,
  InvitationSchema,
  MemberListResponseSchema,
  MemberSchema,
  OrganizationListResponseSchema,
  OrganizationSchema,
  type AcceptInvitationResponse,
  type CreateOrganizationRequest,
  type Invitation,
  type InvitationListResponse,
  type InviteMemberRequest,
  type Member,
  type MemberListResponse,
  type Organization,
  type OrganizationListResponse,
  type OrganizationRole,
  type UpdateOrganizationRequest,
} from '@plinto/contract/organizations'
import { caller, path } from './shared'

/**
 * `plinto.organizations`: organizations, their members and invitations, and the client's ACTIVE
 * organization (`setActive`, `getSnapshot().organizationId`, the `organizationChanged` event).
 * Roles: owner > admin > member. Non-members get `NOT_FOUND`, members who may not manage `FORBIDDEN`.
 *
 * @example
 * ```ts
 * const org = await plinto.organizations.createOrganization({ name: 'Acme Corp', slug: 'acme-corp' })
 * await plinto.organizations.setActive(org.id)
 * await plinto.organizations.inviteMember(org.id, { email: 'bob@example.com', role: 'member' })
 * ```
 */
export interface OrganizationsModule {
  /**
   * Creates an organization; the caller becomes its owner. `SLUG_TAKEN` when the slug is in use.
   * @example `const org = await plinto.organizations.createOrganization({ name: 'Acme Corp', slug: 'acme-corp' })`
   */
  createOrganization(request: CreateOrganizationRequest): Promise<Organization>
  /**
   * The caller's organizations, sorted by name, each with the caller's `role`.
   * @example `const { organizations } = await plinto.organizations.listOrganizations()`
   */
  listOrganizations(): Promise<OrganizationListResponse>
  /**
   * One organization the caller belongs to.
   * @example `const org = await plinto.organizations.getOrganization('org_123')`
   */
  getOrganization(id: string): Promise<Organization>
  /**
   * Changes name, slug or description (owner or admin).
   * @example `await plinto.organizations.updateOrganization(org.id, { name: 'Acme Inc.' })`
   */
  updateOrganization(id: string, patch: UpdateOrganizationRequest): Promise<Organization>
  /**
   * Deletes the organization (owner only). If it was the active one, the active organization is cleared.
   * @example `await plinto.organizations.deleteOrganization(org.id)`
   */
  deleteOrganization(id: string): Promise<void>
  /**
   * The members of an organization.
   * @example `const { members } = await plinto.organizations.listMembers(org.id)`
   */
  listMembers(id: string): Promise<MemberListResponse>
  /**
   * Invites someone by email (owner or admin; only owners invite owners); the server emails the link.
   * @example `await plinto.organizations.inviteMember(org.id, { email: 'bob@example.com', role: 'admin' })`
   */
  inviteMember(id: string, request: InviteMemberRequest): Promise<Invitation>
  /**
   * All invitations of an organization, newest first (owner or admin).
   * @example `const { invitations } = await plinto.organizations.listInvitations(org.id)`
   */
  listInvitations(id: string): Promise<InvitationListResponse>
  /**
   * Revokes a pending invitation (owner or admin); its link stops working.
   * @example `await plinto.organizations.revokeInvitation(org.id, 'inv_123')`
   */
  revokeInvitation(id: string, invitationId: string): Promise<void>
  /**
   * Joins the organization of an invitation, with the `token` of the emailed link. The signed-in user's
   * verified email must be the invited one (`FORBIDDEN`); a used, revoked or expired token is `INVALID_TOKEN`.
   * @example `const { organization, role } = await plinto.organizations.acceptInvitation(tokenFromUrl)`
   */
  acceptInvitation(token: string): Promise<AcceptInvitationResponse>
  /**
   * Changes a member's role (owner or admin; admins cannot touch owners; the last owner stays owner).
   * @example `await plinto.organizations.updateMemberRole(org.id, member.user_id, 'admin')`
   */
  updateMemberRole(id: string, userId: string, role: OrganizationRole): Promise<Member>
  /**
   * Removes a member (owner or admin), or leaves when `userId` is the caller's own. Leaving the active
   * organization clears it.
   * @example `await plinto.organizations.removeMember(org.id, plinto.getSnapshot().user!.id) // leave`
   */
  removeMember(id: string, userId: string): Promise<void>
  /**
   * Makes `id` the active organization (`null`: none). The server checks that the user is a member and answers
   * new tokens whose access token carries it (`org_id`, `org_role`), so your backend can authorize by it; a
   * non-member gets `FORBIDDEN` and nothing changes. The snapshot (`organizationId`, `organizationRole`)
   * follows the token, is stored with the session, shared with other tabs and cleared on sign-out;
   * `organizationChanged` fires. The server re-checks the membership at every refresh: a user removed from it
   * is back to none on the next refresh, a new role shows then too. Nothing is sent when `id` is already
   * active. Signed out, an ID throws `UNAUTHORIZED` and `null` does nothing.
   * @example
   * ```ts
   * await plinto.organizations.setActive(org.id)
   * plinto.getSnapshot().organizationId // org.id
   * plinto.getSnapshot().organizationRole // 'owner'
   * ```
   */
  setActive(id: string | null): Promise<void>
}

/**
 * The calls of `plinto.organizations`: everything but `setActive` (a refresh with an organization, run by the
 * session manager, so it stays in the main chunk, in ./account-modules). They load with the `management` chunk.
 */
export type OrganizationsCalls = Omit<OrganizationsModule, 'setActive'>

/**
 * Creates the calls of the organizations module over the client's context (loaded lazily, see
 * ./management.lazy).
 */
export function createOrganizationsModule(context: ModuleContext): OrganizationsCalls {
  const call = caller(context)
  const { session } = context
  /**
   * After deleting or leaving `id`: it can no longer be the active organization. The server would drop it at
   * the next refresh anyway; switching to none now gives this client tokens without it at once.
   */
  const forget = async (id: string) => {
    if (session.current()?.organizationId === id) await session.refresh(false, true, null)
  }
  return {
    createOrganization: (request) => call('POST', 'organizations', OrganizationSchema, request),
    listOrganizations: () => call('GET', 'organizations', OrganizationListResponseSchema),
    getOrganization: (id) => call('GET', path`organizations/${id}`, OrganizationSchema),
    updateOrganization: (id, patch) => call('PUT', path`organizations/${id}`, OrganizationSchema, patch),
    async deleteOrganization(id) {
      await call('DELETE', path`organizations/${id}`, null)
      await forget(id)
    },
    listMembers: (id) => call('GET', path`organizations/${id}/members`, MemberListResponseSchema),
    inviteMember: (id, request) => call('POST', path`organizations/${id}/members/invite`, InvitationSchema, request),
    listInvitations: (id) => call('GET', path`organizations/${id}/invitations`, InvitationListResponseSchema),
    revokeInvitation: (id, invitationId) => call('DELETE', path`organizations/${id}/invitations/${invitationId}`, null),
    acceptInvitation: (token) => call('POST', 'invitations/accept', AcceptInvitationResponseSchema, { token }),
    updateMemberRole: (id, userId, role) =>
      call('PUT', path`organizations/${id}/members/${userId}/role`, MemberSchema, { role }),
    async removeMember(id, userId) {
      await call('DELETE', path`organizations/${id}/members/${userId}`, null)
      if (session.current()?.user.id === userId) await forget(id)
    },
  }
}
