import type { Invitation, Member, Organization } from '@plinto/contract'
import { toIso } from '../../clock'
import type {
  InvitationRecord,
  MembershipRecord,
  OrganizationRecord,
  OrganizationRoleName,
  UserRecord,
} from '../../store/types'

/**
 * An organization as one member sees it: with their `role` and the current `member_count`.
 */
export function toWireOrganization(
  organization: OrganizationRecord,
  role: OrganizationRoleName,
  memberCount: number,
): Organization {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    description: organization.description,
    created_at: toIso(organization.created_at),
    updated_at: toIso(organization.updated_at),
    member_count: memberCount,
    role,
  }
}

/**
 * A membership with the member's public profile fields.
 */
export function toWireMember(membership: MembershipRecord, user: UserRecord): Member {
  return {
    user_id: membership.user_id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    role: membership.role,
    joined_at: toIso(membership.joined_at),
  }
}

/**
 * An invitation without its token hash; a pending one past `expires_at` shows as `expired`.
 */
export function toWireInvitation(invitation: InvitationRecord, nowMs: number): Invitation {
  return {
    id: invitation.id,
    organization_id: invitation.organization_id,
    email: invitation.email,
    role: invitation.role,
    status: invitation.status === 'pending' && invitation.expires_at <= nowMs ? 'expired' : invitation.status,
    expires_at: toIso(invitation.expires_at),
    created_at: toIso(invitation.created_at),
  }
}
