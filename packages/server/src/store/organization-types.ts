// Store records and repositories of organizations: organizations, memberships, invitations.

/**
 * A member's role in an organization; `owner` > `admin` > `member`.
 *
 * @example
 * ```ts
 * const role: OrganizationRoleName = 'admin'
 * ```
 */
export type OrganizationRoleName = 'owner' | 'admin' | 'member'

/**
 * An organization. Who belongs to it, and how, is in {@link MembershipRecord}s.
 *
 * @example
 * ```ts
 * const org: OrganizationRecord | undefined = await store.organizations.getBySlug('acme')
 * ```
 */
export interface OrganizationRecord {
  id: string
  name: string
  /** Lower-case, unique across the server. */
  slug: string
  description: string | null
  created_at: number
  updated_at: number
}

/**
 * One user's membership of one organization.
 *
 * @example
 * ```ts
 * const membership = await store.memberships.get(orgId, userId)
 * membership?.role // 'owner'
 * ```
 */
export interface MembershipRecord {
  organization_id: string
  user_id: string
  role: OrganizationRoleName
  joined_at: number
}

/**
 * An invitation to an organization, looked up by the SHA-256 of the emailed token. `expired` is not a
 * stored status: it is derived from `expires_at` when shown.
 *
 * @example
 * ```ts
 * const invitation = await store.invitations.getByTokenHash(await sha256(token))
 * ```
 */
export interface InvitationRecord {
  id: string
  organization_id: string
  email: string
  /** Lower-cased `email`, compared with the accepting user's. */
  email_normalized: string
  role: OrganizationRoleName
  token_hash: string
  status: 'pending' | 'accepted' | 'revoked'
  invited_by: string | null
  created_at: number
  expires_at: number
  /** When the status last changed (accepted or revoked). */
  decided_at: number | null
}

/**
 * The outcome of a membership change that could leave an organization without an owner.
 *
 * @example
 * ```ts
 * if ((await store.memberships.remove(orgId, userId)) === 'last_owner') throw …
 * ```
 */
export type MembershipChange = 'ok' | 'not_found' | 'last_owner'

/**
 * Store operations on organizations.
 *
 * @example
 * ```ts
 * await store.organizations.create(org, { organization_id: org.id, user_id, role: 'owner', joined_at: now })
 * ```
 */
export interface OrganizationRepository {
  /** Inserts an organization and its first member in one write; {@link UniqueConstraintError} `slug` when taken. */
  create(organization: OrganizationRecord, owner: MembershipRecord): Promise<void>
  /** The organization with this id, or undefined. */
  get(id: string): Promise<OrganizationRecord | undefined>
  /** The organization with this slug (slugs are stored lower-case and unique), or undefined. */
  getBySlug(slug: string): Promise<OrganizationRecord | undefined>
  /** Applies `patch` (same slug rule as create); undefined if the organization does not exist. */
  update(id: string, patch: Partial<Omit<OrganizationRecord, 'id'>>): Promise<OrganizationRecord | undefined>
  /** Deletes the organization with its memberships and invitations. */
  delete(id: string): Promise<boolean>
}

/**
 * Store operations on memberships. The "an organization always keeps an owner" rule is enforced here, in
 * the same atomic step as the change, so two concurrent demotions cannot both pass a check made earlier.
 *
 * @example
 * ```ts
 * await store.memberships.setRole(orgId, userId, 'admin') // 'ok' | 'not_found' | 'last_owner'
 * ```
 */
export interface MembershipRepository {
  /** Adds a member; false (and no change) if the user already is one. */
  add(membership: MembershipRecord): Promise<boolean>
  /** The user's membership of the organization (with its role), or undefined if the user is not a member. */
  get(organizationId: string, userId: string): Promise<MembershipRecord | undefined>
  /** Every member of the organization, in no guaranteed order; empty if none or if the organization does not exist. */
  listByOrganization(organizationId: string): Promise<MembershipRecord[]>
  /** Every membership of the user, one per organization, in no guaranteed order; empty if none. */
  listByUser(userId: string): Promise<MembershipRecord[]>
  /** Changes a role unless that would leave the organization without an owner. */
  setRole(organizationId: string, userId: string, role: OrganizationRoleName): Promise<MembershipChange>
  /** Removes a member unless they are its last owner. */
  remove(organizationId: string, userId: string): Promise<MembershipChange>
}

/**
 * Store operations on invitations.
 *
 * @example
 * ```ts
 * const accepted = await store.invitations.decide(invitation.id, 'accepted', Date.now())
 * ```
 */
export interface InvitationRepository {
  /** Stores an invitation; the organization's other pending invitations to the same address are revoked. */
  create(invitation: InvitationRecord): Promise<void>
  /** The invitation with this id, whatever its status, or undefined. */
  get(id: string): Promise<InvitationRecord | undefined>
  /**
   * The invitation whose emailed token hashes to `tokenHash`, whatever its status or expiry (the caller checks both),
   * or undefined.
   */
  getByTokenHash(tokenHash: string): Promise<InvitationRecord | undefined>
  /** Every invitation of the organization, all statuses, in no guaranteed order; empty if none. */
  listByOrganization(organizationId: string): Promise<InvitationRecord[]>
  /**
   * Moves a pending, unexpired invitation to `accepted` or `revoked`, atomically: true only for the one
   * caller that made the change (an invitation is accepted once).
   */
  decide(id: string, status: 'accepted' | 'revoked', nowMs: number): Promise<boolean>
}
