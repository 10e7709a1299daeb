import type { ContractOperation } from './types'

type OrgOperation = Omit<ContractOperation, 'mount' | 'tag' | 'auth'>

// Every organization endpoint needs a signed-in user; non-members get 404, members without the role 403.
const org = (operation: OrgOperation): ContractOperation => ({
  mount: 'api',
  tag: 'Organizations',
  auth: 'bearer',
  ...operation,
})

/**
 * The `/organizations` and `/invitations` endpoints (CONTRACT.md § Organizations).
 *
 * @example
 * ```ts
 * import { organizationOperations } from '@plinto/contract/openapi'
 * organizationOperations.filter((op) => op.method === 'delete').length // 4
 * ```
 */
export const organizationOperations: ContractOperation[] = [
  org({
    operationId: 'createOrganization',
    method: 'post',
    path: '/organizations',
    summary: 'Create an organization; the caller becomes its owner',
    body: { schema: 'CreateOrganizationRequest' },
    responses: { 201: { description: 'Created', schema: 'Organization' } },
    errors: [409],
  }),
  org({
    operationId: 'listOrganizations',
    method: 'get',
    path: '/organizations',
    summary: "The caller's organizations",
    responses: { 200: { description: 'Organizations with the caller’s role', schema: 'OrganizationListResponse' } },
    errors: [],
  }),
  org({
    operationId: 'getOrganization',
    method: 'get',
    path: '/organizations/{id}',
    summary: 'One organization',
    responses: { 200: { description: 'The organization', schema: 'Organization' } },
    errors: [404, 422],
  }),
  org({
    operationId: 'updateOrganization',
    method: 'put',
    path: '/organizations/{id}',
    summary: 'Change name, slug or description (owner or admin)',
    body: { schema: 'UpdateOrganizationRequest' },
    responses: { 200: { description: 'The updated organization', schema: 'Organization' } },
    errors: [403, 404, 409],
  }),
  org({
    operationId: 'deleteOrganization',
    method: 'delete',
    path: '/organizations/{id}',
    summary: 'Delete the organization (owner)',
    responses: { 204: { description: 'Deleted' } },
    errors: [403, 404, 422],
  }),
  org({
    operationId: 'listMembers',
    method: 'get',
    path: '/organizations/{id}/members',
    summary: 'The members',
    responses: { 200: { description: 'Members', schema: 'MemberListResponse' } },
    errors: [404, 422],
  }),
  org({
    operationId: 'inviteMember',
    method: 'post',
    path: '/organizations/{id}/members/invite',
    summary: 'Invite someone by email (owner or admin); the invitation email is sent',
    body: { schema: 'InviteMemberRequest' },
    responses: { 201: { description: 'The invitation', schema: 'Invitation' } },
    errors: [403, 404, 409],
  }),
  org({
    operationId: 'listInvitations',
    method: 'get',
    path: '/organizations/{id}/invitations',
    summary: 'The invitations (owner or admin)',
    responses: { 200: { description: 'Invitations', schema: 'InvitationListResponse' } },
    errors: [403, 404, 422],
  }),
  org({
    operationId: 'revokeInvitation',
    method: 'delete',
    path: '/organizations/{id}/invitations/{invitationId}',
    summary: 'Revoke an invitation (owner or admin)',
    responses: { 204: { description: 'Revoked' } },
    errors: [403, 404, 422],
  }),
  org({
    operationId: 'updateMemberRole',
    method: 'put',
    path: '/organizations/{id}/members/{userId}/role',
    summary: "Change a member's role",
    description: 'An admin cannot grant or change owner; the last owner cannot be demoted.',
    body: { schema: 'UpdateMemberRoleRequest' },
    responses: { 200: { description: 'The member', schema: 'Member' } },
    errors: [403, 404],
  }),
  org({
    operationId: 'removeMember',
    method: 'delete',
    path: '/organizations/{id}/members/{userId}',
    summary: 'Remove a member, or leave (own user id)',
    description: 'The last owner cannot leave.',
    responses: { 204: { description: 'Removed' } },
    errors: [403, 404, 422],
  }),
  org({
    operationId: 'acceptInvitation',
    method: 'post',
    path: '/invitations/accept',
    summary: "Accept an invitation; the signed-in user's email must match",
    body: { schema: 'TokenRequest' },
    responses: { 200: { description: 'The organization and the role', schema: 'AcceptInvitationResponse' } },
    errors: [403, 404],
  }),
]
