import { Hono } from 'hono'
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
} from '@plinto/contract'
import { acceptInvitation, inviteMember, listInvitations, revokeInvitation } from '../domain/organizations/invitations'
import { changeMemberRole, listMembers, removeMember } from '../domain/organizations/members'
import {
  createOrganization,
  deleteOrganization,
  listOrganizationsOf,
  showOrganization,
  updateOrganization,
} from '../domain/organizations/organizations'
import type { PlintoEnv } from '../env'
import { jsonBody } from '../middleware/json-body'
import { requireMembership } from '../middleware/membership'
import { requireSession } from '../middleware/session'

/**
 * The `/organizations` routes of CONTRACT.md § Organizations. Every route needs a signed-in user; an
 * organization the caller is not a member of answers 404.
 */
export function organizationRoutes(): Hono<PlintoEnv> {
  const orgs = new Hono<PlintoEnv>()

  orgs.post('/', requireSession(), jsonBody(CreateOrganizationRequestSchema), async (c) => {
    return c.json(await createOrganization(c.var.server, c.var.user, c.req.valid('json')), 201)
  })

  orgs.get('/', requireSession(), async (c) => {
    const organizations = await listOrganizationsOf(c.var.server, c.var.user)
    return c.json<OrganizationListResponse>({ organizations, total: organizations.length }, 200)
  })

  orgs.get('/:id', requireSession(), requireMembership(), async (c) => {
    return c.json(await showOrganization(c.var.server, c.var.organization, c.var.membership), 200)
  })

  orgs.put(
    '/:id',
    requireSession(),
    requireMembership('admin'),
    jsonBody(UpdateOrganizationRequestSchema),
    async (c) => {
      const { server, organization, membership } = c.var
      return c.json(await updateOrganization(server, organization, membership, c.req.valid('json')), 200)
    },
  )

  orgs.delete('/:id', requireSession(), requireMembership('owner'), async (c) => {
    await deleteOrganization(c.var.server, c.var.organization)
    return c.body(null, 204)
  })

  orgs.get('/:id/members', requireSession(), requireMembership(), async (c) => {
    const members = await listMembers(c.var.server, c.var.organization)
    return c.json<MemberListResponse>({ members, total: members.length }, 200)
  })

  orgs.post(
    '/:id/members/invite',
    requireSession(),
    requireMembership('admin'),
    jsonBody(InviteMemberRequestSchema),
    async (c) => {
      const { server, organization, user, membership } = c.var
      return c.json(await inviteMember(server, organization, { user, membership }, c.req.valid('json')), 201)
    },
  )

  orgs.get('/:id/invitations', requireSession(), requireMembership('admin'), async (c) => {
    return c.json<InvitationListResponse>({ invitations: await listInvitations(c.var.server, c.var.organization) }, 200)
  })

  orgs.delete('/:id/invitations/:invitationId', requireSession(), requireMembership('admin'), async (c) => {
    await revokeInvitation(c.var.server, c.var.organization, c.req.param('invitationId'))
    return c.body(null, 204)
  })

  orgs.put(
    '/:id/members/:userId/role',
    requireSession(),
    requireMembership(),
    jsonBody(UpdateMemberRoleRequestSchema),
    async (c) => {
      const { server, organization, membership } = c.var
      return c.json(
        await changeMemberRole(server, organization, membership, c.req.param('userId'), c.req.valid('json').role),
        200,
      )
    },
  )

  orgs.delete('/:id/members/:userId', requireSession(), requireMembership(), async (c) => {
    await removeMember(c.var.server, c.var.organization, c.var.membership, c.req.param('userId'))
    return c.body(null, 204)
  })

  return orgs
}

/**
 * `POST /invitations/accept`: joins the organization of a pending invitation (see `acceptInvitation`).
 */
export function invitationRoutes(): Hono<PlintoEnv> {
  const invitations = new Hono<PlintoEnv>()
  invitations.post('/accept', requireSession(), jsonBody(TokenRequestSchema), async (c) => {
    return c.json<AcceptInvitationResponse>(
      await acceptInvitation(c.var.server, c.var.user, c.req.valid('json').token),
      200,
    )
  })
  return invitations
}
