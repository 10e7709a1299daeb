import { Hono, type Context } from 'hono'
import {
  CreateOrganizationRequestSchema,
  InviteMemberRequestSchema,
  TokenRequestSchema,
  UpdateMemberRoleRequestSchema,
  UpdateOrganizationRequestSchema,
  type AcceptInvitationResponse,
  type InvitationListResponse,
  type MemberListResponse,
  type OrganizationListResponse,
} from '@plinto/typescript-sdk/schemas'
import { assertChanged, assertMayChange, loadMembership, requireRole } from '../domain/organizations/organization-roles'
import { toWireInvitation, toWireMember, toWireOrganization } from '../domain/organizations/organization-wire'
import { authenticate } from '../domain/sessions/sessions'
import { uniqueToApiError } from '../domain/accounts/users'
import { normalizeEmail } from '../domain/accounts/user-wire'
import { sha256 } from '../crypto/hash'
import { randomId, randomToken } from '../crypto/random'
import { ApiError, errors } from '../errors'
import type { PlintoEnv } from '../env'
import { invitationEmail } from '../mail/templates'
import { readJson } from '../middleware/json-body'
import type { InvitationRecord, OrganizationRecord } from '../store/types'

/**
 * The `/organizations` routes of CONTRACT.md § Organizations. Every route needs a signed-in user; an
 * organization the caller is not a member of answers 404.
 */
export function organizationRoutes(): Hono<PlintoEnv> {
  const orgs = new Hono<PlintoEnv>()

  orgs.post('/', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, CreateOrganizationRequestSchema)
    const now = context.clock.now()
    const organization: OrganizationRecord = {
      id: randomId('org'),
      name: body.name,
      slug: body.slug,
      description: body.description || null,
      created_at: now,
      updated_at: now,
    }
    try {
      await context.store.organizations.create(organization, { organization_id: organization.id, user_id: user.id, role: 'owner', joined_at: now })
    } catch (error) {
      throw uniqueToApiError(error)
    }
    const wire = toWireOrganization(organization, 'owner', 1)
    context.webhooks.emit('organization.created', { organization: wire, created_by: user.id })
    return c.json(wire, 201)
  })

  orgs.get('/', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const organizations = []
    for (const membership of await context.store.memberships.listByUser(user.id)) {
      const organization = await context.store.organizations.get(membership.organization_id)
      if (!organization) continue
      organizations.push(toWireOrganization(organization, membership.role, await memberCount(c, organization.id)))
    }
    organizations.sort((a, b) => a.name.localeCompare(b.name))
    return c.json<OrganizationListResponse>({ organizations, total: organizations.length }, 200)
  })

  orgs.get('/:id', async (c) => {
    const { organization, membership } = await member(c)
    return c.json(toWireOrganization(organization, membership.role, await memberCount(c, organization.id)), 200)
  })

  orgs.put('/:id', async (c) => {
    const context = c.get('context')
    const { organization, membership } = await member(c)
    requireRole(membership, 'admin')
    const body = await readJson(c, UpdateOrganizationRequestSchema)
    const patch: Partial<OrganizationRecord> = {}
    if (body.name !== undefined) patch.name = body.name
    if (body.slug !== undefined) patch.slug = body.slug
    if (body.description !== undefined) patch.description = body.description || null
    let updated = organization
    if (Object.keys(patch).length > 0) {
      try {
        updated = (await context.store.organizations.update(organization.id, { ...patch, updated_at: context.clock.now() })) ?? organization
      } catch (error) {
        throw uniqueToApiError(error)
      }
    }
    return c.json(toWireOrganization(updated, membership.role, await memberCount(c, organization.id)), 200)
  })

  orgs.delete('/:id', async (c) => {
    const { organization, membership } = await member(c)
    requireRole(membership, 'owner')
    await c.get('context').store.organizations.delete(organization.id)
    return c.body(null, 204)
  })

  orgs.get('/:id/members', async (c) => {
    const context = c.get('context')
    const { organization } = await member(c)
    const members = []
    for (const membership of await context.store.memberships.listByOrganization(organization.id)) {
      const user = await context.store.users.get(membership.user_id)
      if (user) members.push(toWireMember(membership, user))
    }
    members.sort((a, b) => a.joined_at.localeCompare(b.joined_at))
    return c.json<MemberListResponse>({ members, total: members.length }, 200)
  })

  orgs.post('/:id/members/invite', async (c) => {
    const context = c.get('context')
    const { user, organization, membership } = await member(c)
    requireRole(membership, 'admin')
    const body = await readJson(c, InviteMemberRequestSchema)
    if (body.role === 'owner' && membership.role !== 'owner') {
      throw new ApiError(403, 'FORBIDDEN', 'Only an owner can invite an owner')
    }
    const email = normalizeEmail(body.email)
    const existing = await context.store.users.getByEmail(email)
    if (existing && (await context.store.memberships.get(organization.id, existing.id))) {
      throw errors.validation('Already a member', [{ field: 'email', message: 'This person is already a member' }])
    }
    const token = randomToken(32)
    const now = context.clock.now()
    const invitation: InvitationRecord = {
      id: randomId('inv'),
      organization_id: organization.id,
      email: body.email,
      email_normalized: email,
      role: body.role,
      token_hash: await sha256(token),
      status: 'pending',
      invited_by: user.id,
      created_at: now,
      expires_at: now + context.config.invitationTtl * 1000,
      decided_at: null,
    }
    await context.store.invitations.create(invitation)
    const link = new URL(`${context.config.appUrl}/accept-invitation`)
    link.searchParams.set('token', token)
    context.send(invitationEmail(body.email, organization.name, link.toString()))
    return c.json(toWireInvitation(invitation, now), 201)
  })

  orgs.get('/:id/invitations', async (c) => {
    const context = c.get('context')
    const { organization, membership } = await member(c)
    requireRole(membership, 'admin')
    const now = context.clock.now()
    const invitations = (await context.store.invitations.listByOrganization(organization.id))
      .sort((a, b) => b.created_at - a.created_at)
      .map((i) => toWireInvitation(i, now))
    return c.json<InvitationListResponse>({ invitations }, 200)
  })

  orgs.delete('/:id/invitations/:invitationId', async (c) => {
    const context = c.get('context')
    const { organization, membership } = await member(c)
    requireRole(membership, 'admin')
    const invitation = await context.store.invitations.get(c.req.param('invitationId'))
    if (!invitation || invitation.organization_id !== organization.id) throw errors.notFound('Invitation not found')
    if (!(await context.store.invitations.decide(invitation.id, 'revoked', context.clock.now()))) {
      // Accepted, revoked or expired already: there is nothing pending to revoke.
      throw errors.notFound('No pending invitation with this ID')
    }
    return c.body(null, 204)
  })

  orgs.put('/:id/members/:userId/role', async (c) => {
    const context = c.get('context')
    const { organization, membership } = await member(c)
    const body = await readJson(c, UpdateMemberRoleRequestSchema)
    const target = await context.store.memberships.get(organization.id, c.req.param('userId'))
    if (!target) throw errors.notFound('Member not found')
    assertMayChange(membership, target, body.role)
    assertChanged(await context.store.memberships.setRole(organization.id, target.user_id, body.role))
    const user = await context.store.users.get(target.user_id)
    if (!user) throw errors.notFound('Member not found')
    return c.json(toWireMember({ ...target, role: body.role }, user), 200)
  })

  orgs.delete('/:id/members/:userId', async (c) => {
    const context = c.get('context')
    const { organization, membership } = await member(c)
    const target = await context.store.memberships.get(organization.id, c.req.param('userId'))
    if (!target) throw errors.notFound('Member not found')
    assertMayChange(membership, target, null)
    assertChanged(await context.store.memberships.remove(organization.id, target.user_id))
    return c.body(null, 204)
  })

  return orgs
}

/**
 * `POST /invitations/accept`: joins the organization of a pending invitation. The signed-in user's
 * address must be the invited one and verified (otherwise anyone could sign up with the invitee's
 * address and take the seat); a refusal for that reason does not spend the invitation.
 */
export function invitationRoutes(): Hono<PlintoEnv> {
  const invitations = new Hono<PlintoEnv>()
  invitations.post('/accept', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, TokenRequestSchema)
    const now = context.clock.now()
    const invitation = await context.store.invitations.getByTokenHash(await sha256(body.token))
    if (!invitation || invitation.status !== 'pending' || invitation.expires_at <= now) throw errors.invalidToken()
    if (invitation.email_normalized !== user.email_normalized) {
      throw new ApiError(403, 'FORBIDDEN', 'This invitation was sent to a different email address')
    }
    if (!user.email_verified) throw new ApiError(403, 'FORBIDDEN', 'Verify your email address before accepting an invitation')
    const organization = await context.store.organizations.get(invitation.organization_id)
    if (!organization || !(await context.store.invitations.decide(invitation.id, 'accepted', now))) throw errors.invalidToken()
    const added = await context.store.memberships.add({ organization_id: organization.id, user_id: user.id, role: invitation.role, joined_at: now })
    // Someone who is already a member keeps the role they have.
    const membership = await context.store.memberships.get(organization.id, user.id)
    if (!membership) throw errors.invalidToken()
    if (added) context.webhooks.emit('organization.member.added', { organization_id: organization.id, user_id: user.id, role: membership.role })
    const count = (await context.store.memberships.listByOrganization(organization.id)).length
    return c.json<AcceptInvitationResponse>({ organization: toWireOrganization(organization, membership.role, count), role: membership.role }, 200)
  })
  return invitations
}

async function member(c: Context<PlintoEnv>) {
  const context = c.get('context')
  const { user } = await authenticate(context, c.req.header('authorization'))
  const loaded = await loadMembership(context, c.req.param('id') ?? '', user.id)
  return { user, ...loaded }
}

async function memberCount(c: Context<PlintoEnv>, organizationId: string): Promise<number> {
  return (await c.get('context').store.memberships.listByOrganization(organizationId)).length
}
