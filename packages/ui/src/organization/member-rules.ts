import type { Member, OrganizationRole } from '@plinto/typescript-sdk'

/**
 * What the server allows (CONTRACT.md): owners and admins manage members; admins cannot touch owners nor
 * make anyone owner; the last owner can neither be demoted nor leave. The UI disables what would be
 * refused — and still shows the server's answer when it refuses anyway (the data may be stale).
 */
export interface MemberPermissions {
  canChangeRole: boolean
  /** Roles offered in the member's role select. */
  roles: OrganizationRole[]
  canRemove: boolean
}

export function memberPermissions(
  me: { userId: string; role: OrganizationRole },
  member: Member,
  members: readonly Member[],
): MemberPermissions {
  const owners = members.filter((m) => m.role === 'owner').length
  const self = member.user_id === me.userId
  const lastOwner = member.role === 'owner' && owners <= 1
  const manages = me.role === 'owner' || me.role === 'admin'
  const touchable = manages && (me.role === 'owner' || member.role !== 'owner')
  const roles: OrganizationRole[] = me.role === 'owner' ? ['owner', 'admin', 'member'] : ['admin', 'member']
  return {
    canChangeRole: touchable && !lastOwner && !(self && me.role !== 'owner'),
    roles: roles.includes(member.role) ? roles : [member.role, ...roles],
    // Anyone may leave (remove themselves) unless they are the last owner.
    canRemove: self ? !lastOwner : touchable && !lastOwner,
  }
}
