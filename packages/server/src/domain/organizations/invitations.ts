import type { AcceptInvitationResponse, Invitation, InviteMemberRequest } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { sha256 } from '../../crypto/hash'
import { randomId, randomToken } from '../../crypto/random'
import { ApiError, errors } from '../../errors'
import { invitationEmail } from '../../mail/templates'
import type { InvitationRecord, MembershipRecord, OrganizationRecord, UserRecord } from '../../store/types'
import { appLink } from '../app-links'
import { normalizeEmail } from '../accounts/user-wire'
import { toWireInvitation, toWireOrganization } from './organization-wire'
import { withWebhookEvents } from '../../webhooks/webhook-events'

/**
 * Invites someone by email (the route lets admins and owners here; only an owner invites an owner).
 * A newer invitation to the same address replaces a pending one; the link goes out by email.
 */
export async function inviteMember(
  context: ServerContext,
  organization: OrganizationRecord,
  inviter: { user: UserRecord; membership: MembershipRecord },
  input: InviteMemberRequest,
): Promise<Invitation> {
  if (input.role === 'owner' && inviter.membership.role !== 'owner') {
    throw new ApiError(403, 'FORBIDDEN', 'Only an owner can invite an owner')
  }
  const email = normalizeEmail(input.email)
  const existing = await context.store.users.getByEmail(email)
  if (existing && (await context.store.memberships.get(organization.id, existing.id))) {
    throw errors.validation('Already a member', [{ field: 'email', message: 'This person is already a member' }])
  }
  const token = randomToken(32)
  const now = context.clock.now()
  const invitation: InvitationRecord = {
    id: randomId('inv'),
    organization_id: organization.id,
    email: input.email,
    email_normalized: email,
    role: input.role,
    token_hash: await sha256(token),
    status: 'pending',
    invited_by: inviter.user.id,
    created_at: now,
    expires_at: now + context.config.invitationTtl * 1000,
    decided_at: null,
  }
  await context.store.invitations.create(invitation)
  context.send(
    invitationEmail(input.email, organization.name, appLink(context.config, '/accept-invitation', { token })),
  )
  return toWireInvitation(invitation, now)
}

/** The organization's invitations, newest first, with their current status. */
export async function listInvitations(context: ServerContext, organization: OrganizationRecord): Promise<Invitation[]> {
  const now = context.clock.now()
  return (await context.store.invitations.listByOrganization(organization.id))
    .sort((a, b) => b.created_at - a.created_at)
    .map((i) => toWireInvitation(i, now))
}

/** Revokes a pending invitation of the organization; 404 when there is none with this ID. */
export async function revokeInvitation(
  context: ServerContext,
  organization: OrganizationRecord,
  invitationId: string,
): Promise<void> {
  const invitation = await context.store.invitations.get(invitationId)
  if (!invitation || invitation.organization_id !== organization.id) throw errors.notFound('Invitation not found')
  if (!(await context.store.invitations.decide(invitation.id, 'revoked', context.clock.now()))) {
    // Accepted, revoked or expired already: there is nothing pending to revoke.
    throw errors.notFound('No pending invitation with this ID')
  }
}

/**
 * Joins the organization of a pending invitation. The signed-in user's address must be the invited one
 * and verified (otherwise anyone could sign up with the invitee's address and take the seat); a refusal
 * for that reason does not spend the invitation.
 */
export async function acceptInvitation(
  context: ServerContext,
  user: UserRecord,
  token: string,
): Promise<AcceptInvitationResponse> {
  const now = context.clock.now()
  const invitation = await context.store.invitations.getByTokenHash(await sha256(token))
  if (invitation?.status !== 'pending' || invitation.expires_at <= now) throw errors.invalidToken()
  if (invitation.email_normalized !== user.email_normalized) {
    throw new ApiError(403, 'FORBIDDEN', 'This invitation was sent to a different email address')
  }
  if (!user.email_verified)
    throw new ApiError(403, 'FORBIDDEN', 'Verify your email address before accepting an invitation')
  const organization = await context.store.organizations.get(invitation.organization_id)
  if (!organization) throw errors.invalidToken()
  const membership = await withWebhookEvents(context, async (tx, events) => {
    if (!(await tx.invitations.decide(invitation.id, 'accepted', now))) throw errors.invalidToken()
    const added = await tx.memberships.add({
      organization_id: organization.id,
      user_id: user.id,
      role: invitation.role,
      joined_at: now,
    })
    // Someone who is already a member keeps the role they have.
    const current = await tx.memberships.get(organization.id, user.id)
    if (!current) throw errors.invalidToken()
    if (added)
      events.add('organization.member.added', {
        organization_id: organization.id,
        user_id: user.id,
        role: current.role,
      })
    return current
  })
  const count = (await context.store.memberships.listByOrganization(organization.id)).length
  return { organization: toWireOrganization(organization, membership.role, count), role: membership.role }
}
