import type { CreateOrganizationRequest, Organization, UpdateOrganizationRequest } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { randomId } from '../../crypto/random'
import type { MembershipRecord, OrganizationRecord, UserRecord } from '../../store/types'
import { uniqueToApiError } from '../accounts/users'
import { toWireOrganization } from './organization-wire'
import { withWebhookEvents } from '../../webhooks/webhook-events'

/**
 * Creates an organization with `owner` as its owner and announces it (`organization.created`); answers
 * it as the owner sees it. A taken slug is 409 `SLUG_TAKEN`.
 */
export async function createOrganization(
  context: ServerContext,
  owner: UserRecord,
  input: CreateOrganizationRequest,
): Promise<Organization> {
  const now = context.clock.now()
  const organization: OrganizationRecord = {
    id: randomId('org'),
    name: input.name,
    slug: input.slug,
    description: input.description || null,
    created_at: now,
    updated_at: now,
  }
  const wire = toWireOrganization(organization, 'owner', 1)
  try {
    await withWebhookEvents(context, async (tx, events) => {
      await tx.organizations.create(organization, {
        organization_id: organization.id,
        user_id: owner.id,
        role: 'owner',
        joined_at: now,
      })
      events.add('organization.created', { organization: wire, created_by: owner.id })
    })
  } catch (error) {
    throw uniqueToApiError(error)
  }
  return wire
}

/** The organizations a user is a member of, by name, each with the user's role in it. */
export async function listOrganizationsOf(context: ServerContext, user: UserRecord): Promise<Organization[]> {
  const organizations = []
  for (const membership of await context.store.memberships.listByUser(user.id)) {
    const organization = await context.store.organizations.get(membership.organization_id)
    if (!organization) continue
    organizations.push(toWireOrganization(organization, membership.role, await memberCount(context, organization.id)))
  }
  return organizations.sort((a, b) => a.name.localeCompare(b.name))
}

/** An organization as one of its members sees it. */
export async function showOrganization(
  context: ServerContext,
  organization: OrganizationRecord,
  membership: MembershipRecord,
): Promise<Organization> {
  return toWireOrganization(organization, membership.role, await memberCount(context, organization.id))
}

/** Changes name, slug or description (admin or owner; 409 `SLUG_TAKEN` for a taken slug). */
export async function updateOrganization(
  context: ServerContext,
  organization: OrganizationRecord,
  membership: MembershipRecord,
  changes: UpdateOrganizationRequest,
): Promise<Organization> {
  const patch: Partial<OrganizationRecord> = {}
  if (changes.name !== undefined) patch.name = changes.name
  if (changes.slug !== undefined) patch.slug = changes.slug
  if (changes.description !== undefined) patch.description = changes.description || null
  let updated = organization
  if (Object.keys(patch).length > 0) {
    try {
      updated =
        (await context.store.organizations.update(organization.id, { ...patch, updated_at: context.clock.now() })) ??
        organization
    } catch (error) {
      throw uniqueToApiError(error)
    }
  }
  return showOrganization(context, updated, membership)
}

/** Deletes an organization with its memberships and invitations (the route lets only owners here). */
export async function deleteOrganization(context: ServerContext, organization: OrganizationRecord): Promise<void> {
  await context.store.organizations.delete(organization.id)
}

/** How many members an organization has. */
export async function memberCount(context: ServerContext, organizationId: string): Promise<number> {
  return (await context.store.memberships.listByOrganization(organizationId)).length
}
