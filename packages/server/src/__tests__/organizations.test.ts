import { describe, expect, test } from 'vitest'
import {
  AcceptInvitationResponseSchema,
  InvitationSchema,
  MemberListResponseSchema,
  OrganizationListResponseSchema,
  OrganizationSchema,
} from '@plinto/contract'
import type { PlintoApp } from '../index'
import { call, PASSWORD, signIn, testApp } from './helpers'

const ORGS = '/api/v1/organizations'

/** A verified user, signed in: returns their access token and ID. */
async function user(app: PlintoApp, email: string) {
  const record = await app.plinto.createUser({ email, password: PASSWORD, email_verified: true })
  const res = await signIn(app, email)
  return { id: record.id, token: res.body.tokens.access_token as string }
}

async function createOrg(app: PlintoApp, token: string, slug = 'acme') {
  const res = await call(app, 'POST', ORGS, { token, body: { name: 'Acme', slug } })
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string }
}

/** Invites `email` as `role` and accepts as `invitee`; returns the accept reply. */
async function join(
  app: PlintoApp,
  orgId: string,
  inviterToken: string,
  invitee: { token: string },
  email: string,
  role: string,
) {
  const invite = await call(app, 'POST', `${ORGS}/${orgId}/members/invite`, {
    token: inviterToken,
    body: { email, role },
  })
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`)
  return call(app, 'POST', '/api/v1/invitations/accept', {
    token: invitee.token,
    body: { token: invitationToken(app, email) },
  })
}

function invitationToken(app: PlintoApp, email: string): string {
  const link = app.plinto.outbox!.messages(email).at(-1)?.link
  return new URL(link ?? '').searchParams.get('token') ?? ''
}

/** An org with an owner, an admin and a member. */
async function team(app: PlintoApp) {
  const owner = await user(app, 'owner@example.com')
  const admin = await user(app, 'admin@example.com')
  const member = await user(app, 'member@example.com')
  const org = await createOrg(app, owner.token)
  await join(app, org.id, owner.token, admin, 'admin@example.com', 'admin')
  await join(app, org.id, owner.token, member, 'member@example.com', 'member')
  return { owner, admin, member, org }
}

describe('creating and reading organizations', () => {
  test('POST makes the caller owner (201); GET lists only the caller’s, with role and member_count', async () => {
    const app = testApp()
    const ada = await user(app, 'ada@example.com')
    const bob = await user(app, 'bob@example.com')
    const res = await call(app, 'POST', ORGS, {
      token: ada.token,
      body: { name: 'Acme', slug: 'acme', description: 'Rockets' },
    })
    expect(res.status).toBe(201)
    expect(OrganizationSchema.safeParse(res.body).success).toBe(true)
    expect(res.body).toMatchObject({
      name: 'Acme',
      slug: 'acme',
      description: 'Rockets',
      role: 'owner',
      member_count: 1,
    })
    expect(res.body.id).toMatch(/^org_/)
    await createOrg(app, bob.token, 'bobco')

    const list = await call(app, 'GET', ORGS, { token: ada.token })
    expect(OrganizationListResponseSchema.safeParse(list.body).success).toBe(true)
    expect(list.body.total).toBe(1)
    expect(list.body.organizations[0]).toMatchObject({ slug: 'acme', role: 'owner', member_count: 1 })
  })

  test('a taken slug is 409 SLUG_TAKEN; a malformed one is 422', async () => {
    const app = testApp()
    const ada = await user(app, 'ada@example.com')
    await createOrg(app, ada.token)
    const taken = await call(app, 'POST', ORGS, { token: ada.token, body: { name: 'Other', slug: 'acme' } })
    expect([taken.status, taken.body.error_code]).toEqual([409, 'SLUG_TAKEN'])
    for (const slug of ['Acme', 'a', 'has space', '-lead', 'double--dash']) {
      const bad = await call(app, 'POST', ORGS, { token: ada.token, body: { name: 'X', slug } })
      expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([422, 'slug'])
    }
  })

  test('non-members get 404 on every organization route', async () => {
    const app = testApp()
    const { org } = await team(app)
    const outsider = await user(app, 'eve@example.com')
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `${ORGS}/${org.id}`],
      ['PUT', `${ORGS}/${org.id}`, { name: 'Mine' }],
      ['DELETE', `${ORGS}/${org.id}`],
      ['GET', `${ORGS}/${org.id}/members`],
      ['POST', `${ORGS}/${org.id}/members/invite`, { email: 'x@example.com', role: 'member' }],
      ['GET', `${ORGS}/${org.id}/invitations`],
    ]
    for (const [method, path, body] of routes) {
      const res = await call(app, method, path, { token: outsider.token, ...(body ? { body } : {}) })
      expect([method, path, res.status, res.body.error_code]).toEqual([method, path, 404, 'NOT_FOUND'])
    }
  })

  test('PUT: owner and admin may update, members get 403; DELETE: owner only', async () => {
    const app = testApp()
    const { owner, admin, member, org } = await team(app)
    const byAdmin = await call(app, 'PUT', `${ORGS}/${org.id}`, {
      token: admin.token,
      body: { name: 'Acme Inc.', description: null },
    })
    expect(byAdmin.body).toMatchObject({ name: 'Acme Inc.', role: 'admin', member_count: 3, description: null })
    const byMember = await call(app, 'PUT', `${ORGS}/${org.id}`, { token: member.token, body: { name: 'Mine' } })
    expect([byMember.status, byMember.body.error_code]).toEqual([403, 'FORBIDDEN'])
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}`, { token: admin.token })).status).toBe(403)
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}`, { token: owner.token })).status).toBe(204)
    expect((await call(app, 'GET', `${ORGS}/${org.id}`, { token: member.token })).status).toBe(404)
    expect((await call(app, 'GET', ORGS, { token: member.token })).body.total).toBe(0)
  })

  test('GET members lists everyone with profile fields and roles', async () => {
    const app = testApp()
    const { member, org } = await team(app)
    const res = await call(app, 'GET', `${ORGS}/${org.id}/members`, { token: member.token })
    expect(MemberListResponseSchema.safeParse(res.body).success).toBe(true)
    expect(res.body.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['owner@example.com', 'owner'],
      ['admin@example.com', 'admin'],
      ['member@example.com', 'member'],
    ])
  })
})

describe('invitations', () => {
  test('invite (201, email with link) → accept → member with the invited role; single use', async () => {
    const app = testApp()
    const owner = await user(app, 'owner@example.com')
    const bob = await user(app, 'bob@example.com')
    const org = await createOrg(app, owner.token)
    const invite = await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: owner.token,
      body: { email: 'Bob@example.com', role: 'admin' },
    })
    expect(invite.status).toBe(201)
    expect(InvitationSchema.safeParse(invite.body).success).toBe(true)
    expect(invite.body).toMatchObject({
      organization_id: org.id,
      email: 'Bob@example.com',
      role: 'admin',
      status: 'pending',
    })
    expect(Date.parse(invite.body.expires_at) - Date.parse(invite.body.created_at)).toBe(7 * 24 * 3600_000)
    const mail = app.plinto.outbox!.messages('bob@example.com')[0]
    expect(mail?.subject).toBe('You have been invited to join Acme')
    expect(mail?.link).toMatch(/^http:\/\/localhost:5173\/accept-invitation\?token=[\w-]{43}$/)

    const token = invitationToken(app, 'bob@example.com')
    const accepted = await call(app, 'POST', '/api/v1/invitations/accept', { token: bob.token, body: { token } })
    expect(accepted.status).toBe(200)
    expect(AcceptInvitationResponseSchema.safeParse(accepted.body).success).toBe(true)
    expect(accepted.body).toMatchObject({ role: 'admin', organization: { id: org.id, role: 'admin', member_count: 2 } })
    const again = await call(app, 'POST', '/api/v1/invitations/accept', { token: bob.token, body: { token } })
    expect([again.status, again.body.error_code]).toEqual([400, 'INVALID_TOKEN'])

    const list = await call(app, 'GET', `${ORGS}/${org.id}/invitations`, { token: owner.token })
    expect(list.body.invitations.map((i: { status: string }) => i.status)).toEqual(['accepted'])
  })

  test('a different (or unverified) signed-in address is refused without spending the invitation', async () => {
    const app = testApp()
    const owner = await user(app, 'owner@example.com')
    const org = await createOrg(app, owner.token)
    await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: owner.token,
      body: { email: 'bob@example.com', role: 'member' },
    })
    const token = invitationToken(app, 'bob@example.com')
    const eve = await user(app, 'eve@example.com')
    const wrong = await call(app, 'POST', '/api/v1/invitations/accept', { token: eve.token, body: { token } })
    expect([wrong.status, wrong.body.error_code]).toEqual([403, 'FORBIDDEN'])

    await app.plinto.createUser({ email: 'bob@example.com', password: PASSWORD, email_verified: false })
    const unverified = (await signIn(app, 'bob@example.com')).body.tokens.access_token
    expect((await call(app, 'POST', '/api/v1/invitations/accept', { token: unverified, body: { token } })).status).toBe(
      403,
    )
    const bobId = (await app.plinto.store.users.getByEmail('bob@example.com'))!.id
    await app.plinto.store.users.update(bobId, { email_verified: true })
    expect((await call(app, 'POST', '/api/v1/invitations/accept', { token: unverified, body: { token } })).status).toBe(
      200,
    )
  })

  test('an expired invitation (7 days) and a revoked one are INVALID_TOKEN and listed as such', async () => {
    let now = Date.UTC(2030, 0, 1)
    // Access tokens that outlive the invitation, so only the invitation expires.
    const app = testApp({ clock: { now: () => now }, config: { accessTokenTtl: 30 * 24 * 3600 } })
    const owner = await user(app, 'owner@example.com')
    const bob = await user(app, 'bob@example.com')
    const carol = await user(app, 'carol@example.com')
    const org = await createOrg(app, owner.token)
    await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: owner.token,
      body: { email: 'bob@example.com', role: 'member' },
    })
    const revoke = await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: owner.token,
      body: { email: 'carol@example.com', role: 'member' },
    })
    expect(
      (await call(app, 'DELETE', `${ORGS}/${org.id}/invitations/${revoke.body.id}`, { token: owner.token })).status,
    ).toBe(204)
    expect(
      (await call(app, 'DELETE', `${ORGS}/${org.id}/invitations/${revoke.body.id}`, { token: owner.token })).status,
    ).toBe(404)
    const carolTry = await call(app, 'POST', '/api/v1/invitations/accept', {
      token: carol.token,
      body: { token: invitationToken(app, 'carol@example.com') },
    })
    expect(carolTry.body.error_code).toBe('INVALID_TOKEN')

    now += 7 * 24 * 3600_000
    const late = await call(app, 'POST', '/api/v1/invitations/accept', {
      token: bob.token,
      body: { token: invitationToken(app, 'bob@example.com') },
    })
    expect([late.status, late.body.error_code]).toEqual([400, 'INVALID_TOKEN'])
    const statuses = (
      await call(app, 'GET', `${ORGS}/${org.id}/invitations`, { token: owner.token })
    ).body.invitations.map((i: { email: string; status: string }) => `${i.email}:${i.status}`)
    expect(statuses.sort()).toEqual(['bob@example.com:expired', 'carol@example.com:revoked'])
  })

  test('a new invitation to the same address replaces the pending one', async () => {
    const app = testApp()
    const owner = await user(app, 'owner@example.com')
    const bob = await user(app, 'bob@example.com')
    const org = await createOrg(app, owner.token)
    await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: owner.token,
      body: { email: 'bob@example.com', role: 'admin' },
    })
    const first = invitationToken(app, 'bob@example.com')
    await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: owner.token,
      body: { email: 'bob@example.com', role: 'member' },
    })
    expect(
      (await call(app, 'POST', '/api/v1/invitations/accept', { token: bob.token, body: { token: first } })).body
        .error_code,
    ).toBe('INVALID_TOKEN')
    const second = await call(app, 'POST', '/api/v1/invitations/accept', {
      token: bob.token,
      body: { token: invitationToken(app, 'bob@example.com') },
    })
    expect(second.body.role).toBe('member')
  })

  test('members cannot invite or list invitations; admins cannot invite owners; members cannot be re-invited', async () => {
    const app = testApp()
    const { admin, member, owner, org } = await team(app)
    const byMember = await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: member.token,
      body: { email: 'x@example.com', role: 'member' },
    })
    expect([byMember.status, byMember.body.error_code]).toEqual([403, 'FORBIDDEN'])
    expect((await call(app, 'GET', `${ORGS}/${org.id}/invitations`, { token: member.token })).status).toBe(403)
    const ownerByAdmin = await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: admin.token,
      body: { email: 'x@example.com', role: 'owner' },
    })
    expect(ownerByAdmin.status).toBe(403)
    const existing = await call(app, 'POST', `${ORGS}/${org.id}/members/invite`, {
      token: owner.token,
      body: { email: 'member@example.com', role: 'admin' },
    })
    expect([existing.status, existing.body.errors?.[0]?.field]).toEqual([422, 'email'])
  })
})

const role = (app: PlintoApp, token: string, orgId: string, userId: string, next: string) =>
  call(app, 'PUT', `${ORGS}/${orgId}/members/${userId}/role`, { token, body: { role: next } })

describe('roles and leaving', () => {
  test('an owner can promote and demote; the result is the Member', async () => {
    const app = testApp()
    const { owner, member, org } = await team(app)
    const res = await role(app, owner.token, org.id, member.id, 'admin')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ user_id: member.id, email: 'member@example.com', role: 'admin' })
    expect((await role(app, owner.token, org.id, member.id, 'owner')).body.role).toBe('owner')
  })

  test('members cannot manage; nobody raises their own role; admins cannot grant or remove owner', async () => {
    const app = testApp()
    const { owner, admin, member, org } = await team(app)
    expect((await role(app, member.token, org.id, admin.id, 'member')).status).toBe(403)
    expect((await role(app, member.token, org.id, member.id, 'admin')).status).toBe(403)
    expect((await role(app, admin.token, org.id, admin.id, 'owner')).status).toBe(403)
    expect((await role(app, admin.token, org.id, member.id, 'owner')).status).toBe(403)
    expect((await role(app, admin.token, org.id, owner.id, 'member')).status).toBe(403)
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}/members/${owner.id}`, { token: admin.token })).status).toBe(
      403,
    )
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}/members/${admin.id}`, { token: member.token })).status).toBe(
      403,
    )
    // What an admin may do: manage non-owners.
    expect((await role(app, admin.token, org.id, member.id, 'admin')).status).toBe(200)
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}/members/${member.id}`, { token: admin.token })).status).toBe(
      204,
    )
    const members = (await call(app, 'GET', `${ORGS}/${org.id}/members`, { token: owner.token })).body
    expect(members.total).toBe(2)
  })

  test('the last owner can neither be demoted nor leave; with a second owner both work', async () => {
    const app = testApp()
    const { owner, admin, org } = await team(app)
    const demote = await role(app, owner.token, org.id, owner.id, 'admin')
    expect([demote.status, demote.body.error_code]).toEqual([403, 'FORBIDDEN'])
    const leave = await call(app, 'DELETE', `${ORGS}/${org.id}/members/${owner.id}`, { token: owner.token })
    expect([leave.status, leave.body.error_code]).toEqual([403, 'FORBIDDEN'])
    await role(app, owner.token, org.id, admin.id, 'owner')
    expect((await role(app, owner.token, org.id, owner.id, 'admin')).status).toBe(200)
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}/members/${owner.id}`, { token: owner.token })).status).toBe(
      204,
    )
    expect((await call(app, 'GET', `${ORGS}/${org.id}`, { token: owner.token })).status).toBe(404)
  })

  test('a member may leave on their own; an unknown member is 404', async () => {
    const app = testApp()
    const { owner, member, org } = await team(app)
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}/members/${member.id}`, { token: member.token })).status).toBe(
      204,
    )
    expect((await call(app, 'DELETE', `${ORGS}/${org.id}/members/${member.id}`, { token: owner.token })).status).toBe(
      404,
    )
    expect((await role(app, owner.token, org.id, 'usr_nobody', 'admin')).status).toBe(404)
  })
})

describe('deleting an account that belongs to organizations', () => {
  test('the only owner of an org with other members is refused; sole-member orgs go with the account', async () => {
    const app = testApp()
    const { owner, admin, org } = await team(app)
    const solo = await createOrg(app, owner.token, 'solo')
    const refused = await call(app, 'DELETE', '/api/v1/users/me', { token: owner.token, body: { password: PASSWORD } })
    expect([refused.status, refused.body.error_code]).toEqual([403, 'FORBIDDEN'])
    expect(refused.body.detail).toContain('Acme')
    expect(await app.plinto.store.organizations.get(solo.id)).toBeDefined()

    await role(app, owner.token, org.id, admin.id, 'owner')
    expect(
      (await call(app, 'DELETE', '/api/v1/users/me', { token: owner.token, body: { password: PASSWORD } })).status,
    ).toBe(204)
    expect(await app.plinto.store.organizations.get(solo.id)).toBeUndefined()
    const members = (await call(app, 'GET', `${ORGS}/${org.id}/members`, { token: admin.token })).body
    expect(members.members.map((m: { email: string }) => m.email)).toEqual(['admin@example.com', 'member@example.com'])
  })
})
