// PostgreSQL repositories of organizations: organizations, memberships and invitations.
import { assignments, insert, num, numOrNull, unique, type PostgresContext } from './sql'
import type {
  InvitationRecord,
  InvitationRepository,
  MembershipChange,
  MembershipRecord,
  MembershipRepository,
  OrganizationRecord,
  OrganizationRepository,
  OrganizationRoleName,
} from '../types'

type Row = Record<string, unknown>

export const ORGANIZATION_COLUMNS = ['id', 'name', 'slug', 'description', 'created_at', 'updated_at'] as const
export const MEMBERSHIP_COLUMNS = ['organization_id', 'user_id', 'role', 'joined_at'] as const
export const INVITATION_COLUMNS = [
  'id',
  'organization_id',
  'email',
  'email_normalized',
  'role',
  'token_hash',
  'status',
  'invited_by',
  'created_at',
  'expires_at',
  'decided_at',
] as const

const toOrganization = (row: Row): OrganizationRecord => ({
  id: row.id as string,
  name: row.name as string,
  slug: row.slug as string,
  description: row.description as string | null,
  created_at: num(row.created_at),
  updated_at: num(row.updated_at),
})

const toMembership = (row: Row): MembershipRecord => ({
  organization_id: row.organization_id as string,
  user_id: row.user_id as string,
  role: row.role as OrganizationRoleName,
  joined_at: num(row.joined_at),
})

const toInvitation = (row: Row): InvitationRecord => ({
  id: row.id as string,
  organization_id: row.organization_id as string,
  email: row.email as string,
  email_normalized: row.email_normalized as string,
  role: row.role as OrganizationRoleName,
  token_hash: row.token_hash as string,
  status: row.status as InvitationRecord['status'],
  invited_by: row.invited_by as string | null,
  created_at: num(row.created_at),
  expires_at: num(row.expires_at),
  decided_at: numOrNull(row.decided_at),
})

/** Organizations over PostgreSQL; deleting one cascades to its memberships and invitations. */
export function postgresOrganizations({ db, t }: PostgresContext): OrganizationRepository {
  const one = async (where: string, value: string) => {
    const { rows } = await db.query(`SELECT * FROM ${t.organizations} WHERE ${where} = $1`, [value])
    return rows[0] ? toOrganization(rows[0]) : undefined
  }
  return {
    create: (organization, owner) =>
      unique(
        db.transaction(async (tx) => {
          const org = insert(t.organizations, ORGANIZATION_COLUMNS, organization)
          await tx.query(org.text, org.params)
          const member = insert(t.memberships, MEMBERSHIP_COLUMNS, owner)
          await tx.query(member.text, member.params)
        }),
      ),
    get: (id) => one('id', id),
    getBySlug: (slug) => one('slug', slug),
    async update(id, patch) {
      const set = assignments(patch, ORGANIZATION_COLUMNS.slice(1), 2)
      if (set.params.length === 0) return one('id', id)
      const { rows } = await unique(
        db.query(`UPDATE ${t.organizations} SET ${set.sql} WHERE id = $1 RETURNING *`, [id, ...set.params]),
      )
      return rows[0] ? toOrganization(rows[0]) : undefined
    },
    async delete(id) {
      const { rows } = await db.query(`DELETE FROM ${t.organizations} WHERE id = $1 RETURNING id`, [id])
      return rows.length > 0
    },
  }
}

/**
 * Memberships over PostgreSQL. A change that could leave an organization without an owner first locks the
 * organization's row, so concurrent changes to one organization's members run one after the other and
 * each counts the owners the previous one left.
 */
export function postgresMemberships({ db, t }: PostgresContext): MembershipRepository {
  const change = (
    organizationId: string,
    userId: string,
    next: OrganizationRoleName | null,
  ): Promise<MembershipChange> =>
    db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM ${t.organizations} WHERE id = $1 FOR NO KEY UPDATE`, [organizationId])
      const { rows } = await tx.query<{ role: string }>(
        `SELECT role FROM ${t.memberships} WHERE organization_id = $1 AND user_id = $2`,
        [organizationId, userId],
      )
      const current = rows[0]
      if (!current) return 'not_found'
      if (current.role === 'owner' && next !== 'owner') {
        const owners = await tx.query<{ count: number }>(
          `SELECT count(*)::integer AS count FROM ${t.memberships} WHERE organization_id = $1 AND role = 'owner'`,
          [organizationId],
        )
        if (num(owners.rows[0]?.count) <= 1) return 'last_owner'
      }
      if (next === null) {
        await tx.query(`DELETE FROM ${t.memberships} WHERE organization_id = $1 AND user_id = $2`, [
          organizationId,
          userId,
        ])
      } else {
        await tx.query(`UPDATE ${t.memberships} SET role = $3 WHERE organization_id = $1 AND user_id = $2`, [
          organizationId,
          userId,
          next,
        ])
      }
      return 'ok'
    })
  return {
    async add(membership) {
      // No row (false) when the user already is a member or the organization does not exist.
      const { rows } = await db.query(
        `INSERT INTO ${t.memberships} (organization_id, user_id, role, joined_at)
         SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM ${t.organizations} WHERE id = $1)
         ON CONFLICT (organization_id, user_id) DO NOTHING RETURNING user_id`,
        [membership.organization_id, membership.user_id, membership.role, membership.joined_at],
      )
      return rows.length > 0
    },
    async get(organizationId, userId) {
      const { rows } = await db.query(`SELECT * FROM ${t.memberships} WHERE organization_id = $1 AND user_id = $2`, [
        organizationId,
        userId,
      ])
      return rows[0] ? toMembership(rows[0]) : undefined
    },
    async listByOrganization(organizationId) {
      const { rows } = await db.query(`SELECT * FROM ${t.memberships} WHERE organization_id = $1 ORDER BY seq`, [
        organizationId,
      ])
      return rows.map(toMembership)
    },
    async listByUser(userId) {
      const { rows } = await db.query(`SELECT * FROM ${t.memberships} WHERE user_id = $1 ORDER BY seq`, [userId])
      return rows.map(toMembership)
    },
    setRole: (organizationId, userId, role) => change(organizationId, userId, role),
    remove: (organizationId, userId) => change(organizationId, userId, null),
  }
}

/** Invitations over PostgreSQL; `decide` is a conditional UPDATE, so an invitation is accepted once. */
export function postgresInvitations({ db, t }: PostgresContext): InvitationRepository {
  return {
    create: (invitation) =>
      db.transaction(async (tx) => {
        // As for memberships: concurrent invitations to one organization run one after the other, so at most
        // one stays pending per address.
        await tx.query(`SELECT id FROM ${t.organizations} WHERE id = $1 FOR NO KEY UPDATE`, [
          invitation.organization_id,
        ])
        await tx.query(
          `UPDATE ${t.invitations} SET status = 'revoked', decided_at = $3
           WHERE organization_id = $1 AND email_normalized = $2 AND status = 'pending'`,
          [invitation.organization_id, invitation.email_normalized, invitation.created_at],
        )
        const { text, params } = insert(t.invitations, INVITATION_COLUMNS, invitation)
        await tx.query(text, params)
      }),
    async get(id) {
      const { rows } = await db.query(`SELECT * FROM ${t.invitations} WHERE id = $1`, [id])
      return rows[0] ? toInvitation(rows[0]) : undefined
    },
    async getByTokenHash(tokenHash) {
      const { rows } = await db.query(`SELECT * FROM ${t.invitations} WHERE token_hash = $1 ORDER BY seq LIMIT 1`, [
        tokenHash,
      ])
      return rows[0] ? toInvitation(rows[0]) : undefined
    },
    async listByOrganization(organizationId) {
      const { rows } = await db.query(`SELECT * FROM ${t.invitations} WHERE organization_id = $1 ORDER BY seq`, [
        organizationId,
      ])
      return rows.map(toInvitation)
    },
    async decide(id, status, nowMs) {
      const { rows } = await db.query(
        `UPDATE ${t.invitations} SET status = $2, decided_at = $3 WHERE id = $1 AND status = 'pending' AND expires_at > $3 RETURNING id`,
        [id, status, nowMs],
      )
      return rows.length > 0
    },
  }
}
