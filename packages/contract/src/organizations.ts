import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps the core entry inside its size budget.

/**
 * One of `'owner' | 'admin' | 'member'`: the `role` of members and invitations and the body of a role change;
 * {@link OrganizationRole} is its type.
 */
export const OrganizationRoleSchema = /* @__PURE__ */ z.enum(['owner', 'admin', 'member'])
/**
 * A member's role; `owner` > `admin` > `member`.
 *
 * @example
 * ```ts
 * const role: OrganizationRole = 'admin'
 * ```
 */
export type OrganizationRole = z.infer<typeof OrganizationRoleSchema>

/**
 * One organization: the response of `POST /organizations`, `GET /organizations/{id}` and `PUT /organizations/{id}`;
 * {@link Organization} is its type.
 */
export const OrganizationSchema = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
  slug: /* @__PURE__ */ z.string(),
  description: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  created_at: /* @__PURE__ */ z.string(),
  updated_at: /* @__PURE__ */ z.string(),
  member_count: /* @__PURE__ */ z.number(),
  role: OrganizationRoleSchema,
})
/**
 * An organization as one of its members sees it; `role` is the caller's own role.
 *
 * @example
 * ```ts
 * const org: Organization = await plinto.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
 * org.role // 'owner'
 * ```
 */
export type Organization = z.infer<typeof OrganizationSchema>

/**
 * The response of `GET /organizations` (the caller's organizations, by name); {@link OrganizationListResponse} is its
 * type.
 */
export const OrganizationListResponseSchema = /* @__PURE__ */ z.object({
  organizations: /* @__PURE__ */ z.array(OrganizationSchema),
  total: /* @__PURE__ */ z.number(),
})
/**
 * `GET /organizations`: the caller's organizations.
 *
 * @example
 * ```ts
 * const { organizations }: OrganizationListResponse = await plinto.organizations.listOrganizations()
 * ```
 */
export type OrganizationListResponse = z.infer<typeof OrganizationListResponseSchema>

/**
 * One member of an organization, and the response of `PUT /organizations/{id}/members/{userId}/role`; {@link Member} is
 * its type.
 */
export const MemberSchema = /* @__PURE__ */ z.object({
  user_id: /* @__PURE__ */ z.string(),
  email: /* @__PURE__ */ z.string(),
  first_name: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  last_name: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  role: OrganizationRoleSchema,
  joined_at: /* @__PURE__ */ z.string(),
})
/**
 * One member of an organization.
 *
 * @example
 * ```ts
 * const { members } = await plinto.organizations.listMembers(orgId)
 * members.filter((m: Member) => m.role === 'owner')
 * ```
 */
export type Member = z.infer<typeof MemberSchema>

/** The response of `GET /organizations/{id}/members`; {@link MemberListResponse} is its type. */
export const MemberListResponseSchema = /* @__PURE__ */ z.object({
  members: /* @__PURE__ */ z.array(MemberSchema),
  total: /* @__PURE__ */ z.number(),
})
/**
 * `GET /organizations/{id}/members`.
 *
 * @example
 * ```ts
 * const { members, total }: MemberListResponse = await plinto.organizations.listMembers(orgId)
 * ```
 */
export type MemberListResponse = z.infer<typeof MemberListResponseSchema>

/** One of `'pending' | 'accepted' | 'revoked' | 'expired'`: the `status` of an {@link InvitationSchema}. */
export const InvitationStatusSchema = /* @__PURE__ */ z.enum(['pending', 'accepted', 'revoked', 'expired'])

/**
 * One invitation: the response of `POST /organizations/{id}/members/invite` and an entry of
 * `GET /organizations/{id}/invitations`; {@link Invitation} is its type.
 */
export const InvitationSchema = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  organization_id: /* @__PURE__ */ z.string(),
  email: /* @__PURE__ */ z.string(),
  role: OrganizationRoleSchema,
  status: InvitationStatusSchema,
  expires_at: /* @__PURE__ */ z.string(),
  created_at: /* @__PURE__ */ z.string(),
})
/**
 * An invitation to join an organization; the token itself travels only in the email.
 *
 * @example
 * ```ts
 * const invitation: Invitation = await plinto.organizations.inviteMember(orgId, {
 *   email: 'bob@example.com',
 *   role: 'member',
 * })
 * invitation.status // 'pending'
 * ```
 */
export type Invitation = z.infer<typeof InvitationSchema>

/**
 * The response of `GET /organizations/{id}/invitations` (owners and admins only); {@link InvitationListResponse} is its
 * type.
 */
export const InvitationListResponseSchema = /* @__PURE__ */ z.object({
  invitations: /* @__PURE__ */ z.array(InvitationSchema),
})
/**
 * `GET /organizations/{id}/invitations`.
 *
 * @example
 * ```ts
 * const { invitations }: InvitationListResponse = await plinto.organizations.listInvitations(orgId)
 * ```
 */
export type InvitationListResponse = z.infer<typeof InvitationListResponseSchema>

/**
 * The response of `POST /invitations/accept`: the joined organization and the role in it;
 * {@link AcceptInvitationResponse} is its type.
 */
export const AcceptInvitationResponseSchema = /* @__PURE__ */ z.object({
  organization: OrganizationSchema,
  role: OrganizationRoleSchema,
})
/**
 * `POST /invitations/accept`: the organization joined and the role it was joined with.
 *
 * @example
 * ```ts
 * const { organization, role }: AcceptInvitationResponse = await plinto.organizations.acceptInvitation(token)
 * ```
 */
export type AcceptInvitationResponse = z.infer<typeof AcceptInvitationResponseSchema>

// ---- Requests ----

const orgName = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(100))
const slug = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.minLength(2),
    /* @__PURE__ */ z.maxLength(48),
    /* @__PURE__ */ z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens'),
  )
const description = /* @__PURE__ */ z.nullable(
  /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(1000)),
)

/**
 * The body of `POST /organizations` (`name`, `slug`, optional `description`); {@link CreateOrganizationRequest} is its
 * type.
 */
export const CreateOrganizationRequestSchema = /* @__PURE__ */ z.object({
  name: orgName,
  slug,
  description: /* @__PURE__ */ z.optional(description),
})
/**
 * `POST /organizations`; the caller becomes its owner.
 *
 * @example
 * ```ts
 * await plinto.organizations.createOrganization({ name: 'Acme', slug: 'acme', description: 'Rockets' })
 * ```
 */
export type CreateOrganizationRequest = z.input<typeof CreateOrganizationRequestSchema>

/** The body of `PUT /organizations/{id}`, a partial update; {@link UpdateOrganizationRequest} is its type. */
export const UpdateOrganizationRequestSchema = /* @__PURE__ */ z.object({
  name: /* @__PURE__ */ z.optional(orgName),
  slug: /* @__PURE__ */ z.optional(slug),
  description: /* @__PURE__ */ z.optional(description),
})
/**
 * `PUT /organizations/{id}` (owner or admin): the fields to change.
 *
 * @example
 * ```ts
 * await plinto.organizations.updateOrganization(orgId, { name: 'Acme Inc.' })
 * ```
 */
export type UpdateOrganizationRequest = z.input<typeof UpdateOrganizationRequestSchema>

/** The body of `POST /organizations/{id}/members/invite` (`email`, `role`); {@link InviteMemberRequest} is its type. */
export const InviteMemberRequestSchema = /* @__PURE__ */ z.object({
  email: /* @__PURE__ */ z
    .string()
    .check(
      /* @__PURE__ */ z.trim(),
      /* @__PURE__ */ z.minLength(3),
      /* @__PURE__ */ z.maxLength(320),
      /* @__PURE__ */ z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter a valid email address'),
    ),
  role: OrganizationRoleSchema,
})
/**
 * `POST /organizations/{id}/members/invite` (owner or admin).
 *
 * @example
 * ```ts
 * await plinto.organizations.inviteMember(orgId, { email: 'bob@example.com', role: 'admin' })
 * ```
 */
export type InviteMemberRequest = z.input<typeof InviteMemberRequestSchema>

/**
 * The `{ role }` body of `PUT /organizations/{id}/members/{userId}/role`; {@link UpdateMemberRoleRequest} is its type.
 */
export const UpdateMemberRoleRequestSchema = /* @__PURE__ */ z.object({ role: OrganizationRoleSchema })
/**
 * `PUT /organizations/{id}/members/{user_id}/role`.
 *
 * @example
 * ```ts
 * await plinto.organizations.updateMemberRole(orgId, userId, 'admin')
 * ```
 */
export type UpdateMemberRoleRequest = z.input<typeof UpdateMemberRoleRequestSchema>
