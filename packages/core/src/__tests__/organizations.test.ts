import { describe, expect, it } from 'vitest'
import type { PlintoClient } from '../index'
import { sharedStorage } from './helpers'
import { PASSWORD, failure, nextEvent, recordEvents, tokenFromLink, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const ADA = 'ada@example.com'
const BOB = 'bob@example.com'

async function signedIn(email: string, options: Parameters<typeof client>[0] = {}) {
  const plinto = client(options)
  await plinto.auth.signIn({ email, password: PASSWORD })
  return plinto
}

async function adaAndBob() {
  await backend.seedUser({ email: ADA, password: PASSWORD })
  await backend.seedUser({ email: BOB, password: PASSWORD })
  return { ada: await signedIn(ADA), bob: await signedIn(BOB) }
}

/** Ada invites Bob; Bob accepts with the emailed token. */
async function join(
  ada: PlintoClient,
  bob: PlintoClient,
  orgId: string,
  role: 'owner' | 'admin' | 'member' = 'member',
) {
  await ada.organizations.inviteMember(orgId, { email: BOB, role })
  const token = tokenFromLink(backend.lastMessage(BOB).link)
  return { token, accepted: await bob.organizations.acceptInvitation(token) }
}

describe('plinto.organizations', () => {
  it('creates, lists, reads and updates, as the docs snippet shows', async () => {
    const { ada } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme Corp', slug: 'acme-corp' })
    expect(org).toMatchObject({
      name: 'Acme Corp',
      slug: 'acme-corp',
      role: 'owner',
      member_count: 1,
      description: null,
    })
    expect(await ada.organizations.listOrganizations()).toEqual({ organizations: [org], total: 1 })
    expect(await ada.organizations.getOrganization(org.id)).toEqual(org)
    const updated = await ada.organizations.updateOrganization(org.id, {
      name: 'Acme Inc.',
      description: 'Updated description',
    })
    expect(updated).toMatchObject({ name: 'Acme Inc.', description: 'Updated description' })
    expect((await failure(ada.organizations.createOrganization({ name: 'Other', slug: 'acme-corp' }))).code).toBe(
      'SLUG_TAKEN',
    )
  })

  it('non-members get NOT_FOUND, members who try to manage get FORBIDDEN', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    expect((await failure(bob.organizations.getOrganization(org.id))).code).toBe('NOT_FOUND')
    expect((await failure(bob.organizations.listMembers(org.id))).code).toBe('NOT_FOUND')
    await join(ada, bob, org.id)
    expect((await bob.organizations.getOrganization(org.id)).role).toBe('member')
    expect((await failure(bob.organizations.updateOrganization(org.id, { name: 'Mine' }))).code).toBe('FORBIDDEN')
    expect(
      (await failure(bob.organizations.inviteMember(org.id, { email: 'eve@example.com', role: 'member' }))).code,
    ).toBe('FORBIDDEN')
    expect((await failure(bob.organizations.deleteOrganization(org.id))).code).toBe('FORBIDDEN')
    expect((await failure(bob.organizations.updateMemberRole(org.id, bob.getSnapshot().user!.id, 'admin'))).code).toBe(
      'FORBIDDEN',
    )
  })

  it('invitation lifecycle: invite → list → accept once (reuse is INVALID_TOKEN) → members', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const invitation = await ada.organizations.inviteMember(org.id, { email: BOB, role: 'admin' })
    expect(invitation).toMatchObject({ organization_id: org.id, email: BOB, role: 'admin', status: 'pending' })
    expect((await ada.organizations.listInvitations(org.id)).invitations.map((i) => i.id)).toEqual([invitation.id])
    const token = tokenFromLink(backend.lastMessage(BOB).link)
    const accepted = await bob.organizations.acceptInvitation(token)
    expect(accepted).toMatchObject({ role: 'admin', organization: { id: org.id, role: 'admin', member_count: 2 } })
    expect((await failure(bob.organizations.acceptInvitation(token))).code).toBe('INVALID_TOKEN')
    const { members, total } = await ada.organizations.listMembers(org.id)
    expect(total).toBe(2)
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual([
      [ADA, 'owner'],
      [BOB, 'admin'],
    ])
    expect((await ada.organizations.listInvitations(org.id)).invitations[0]!.status).toBe('accepted')
  })

  it('an expired invitation is INVALID_TOKEN (7 days, server clock)', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await ada.organizations.inviteMember(org.id, { email: BOB, role: 'member' })
    const token = tokenFromLink(backend.lastMessage(BOB).link)
    backend.clock.advance(7 * 24 * 3600_000 + 1000)
    // The access tokens expired too: the SDK refreshes on the way.
    expect((await failure(bob.organizations.acceptInvitation(token))).code).toBe('INVALID_TOKEN')
    expect((await ada.organizations.listInvitations(org.id)).invitations[0]!.status).toBe('expired')
  })

  it("someone else's invitation is FORBIDDEN and stays usable by the invitee", async () => {
    const { ada, bob } = await adaAndBob()
    await backend.seedUser({ email: 'eve@example.com', password: PASSWORD })
    const eve = await signedIn('eve@example.com')
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await ada.organizations.inviteMember(org.id, { email: BOB, role: 'admin' })
    const token = tokenFromLink(backend.lastMessage(BOB).link)
    expect((await failure(eve.organizations.acceptInvitation(token))).code).toBe('FORBIDDEN')
    expect((await bob.organizations.acceptInvitation(token)).role).toBe('admin')
  })

  it('a revoked invitation cannot be accepted; revoking it twice is NOT_FOUND', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const invitation = await ada.organizations.inviteMember(org.id, { email: BOB, role: 'member' })
    const token = tokenFromLink(backend.lastMessage(BOB).link)
    await ada.organizations.revokeInvitation(org.id, invitation.id)
    expect((await failure(bob.organizations.acceptInvitation(token))).code).toBe('INVALID_TOKEN')
    expect((await failure(ada.organizations.revokeInvitation(org.id, invitation.id))).code).toBe('NOT_FOUND')
  })

  it('roles: change a role, admins cannot grant owner, the last owner stays, members leave', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await join(ada, bob, org.id)
    const bobId = bob.getSnapshot().user!.id
    const adaId = ada.getSnapshot().user!.id
    expect(await ada.organizations.updateMemberRole(org.id, bobId, 'admin')).toMatchObject({
      user_id: bobId,
      role: 'admin',
    })
    expect((await failure(bob.organizations.updateMemberRole(org.id, bobId, 'owner'))).code).toBe('FORBIDDEN')
    expect((await failure(bob.organizations.removeMember(org.id, adaId))).code).toBe('FORBIDDEN')
    expect((await failure(ada.organizations.removeMember(org.id, adaId))).code).toBe('FORBIDDEN')
    await bob.organizations.removeMember(org.id, bobId)
    expect((await failure(bob.organizations.getOrganization(org.id))).code).toBe('NOT_FOUND')
    expect((await ada.organizations.listMembers(org.id)).total).toBe(1)
  })
})

describe('the active organization', () => {
  it('setActive puts it in the snapshot, fires organizationChanged once, and survives a refresh', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const ada = await signedIn(ADA)
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const events = recordEvents(ada)
    expect(ada.getSnapshot().organizationId).toBeNull()
    await ada.organizations.setActive(org.id)
    await ada.organizations.setActive(org.id)
    expect(ada.getSnapshot().organizationId).toBe(org.id)
    expect(events.organizationChanged).toEqual([{ organizationId: org.id }])
    await ada.auth.refreshToken()
    expect(ada.getSnapshot().organizationId).toBe(org.id)
    await ada.organizations.setActive(null)
    expect(ada.getSnapshot().organizationId).toBeNull()
    expect(events.organizationChanged).toEqual([{ organizationId: org.id }, { organizationId: null }])
  })

  it('is stored with the session: a new client on the same storage starts with it', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const storage = sharedStorage()
    const first = await signedIn(ADA, { tokenStorage: storage, tabSync: false })
    const org = await first.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await first.organizations.setActive(org.id)
    await Promise.resolve()
    // Stored as the server's word: the record's access token carries it (the record has no field of its own).
    const record = JSON.parse(storage.values.get('plinto_auth_token')!) as { v: number; access_token: string }
    expect(record.v).toBe(1)
    expect(claimsOf(record.access_token)).toMatchObject({ org_id: org.id, org_role: 'owner' })
    const second = client({ tokenStorage: storage, tabSync: false })
    await second.ready()
    expect(second.getSnapshot()).toMatchObject({ status: 'signed_in', organizationId: org.id })
  })

  it('a v1 record stored before the field existed still loads, with no active organization', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const storage = sharedStorage()
    await signedIn(ADA, { tokenStorage: storage, tabSync: false })
    const record = JSON.parse(storage.values.get('plinto_auth_token')!) as Record<string, unknown>
    expect(record).not.toHaveProperty('organization_id')
    const later = client({ tokenStorage: storage, tabSync: false })
    await later.ready()
    expect(later.getSnapshot()).toMatchObject({ status: 'signed_in', organizationId: null })
  })

  it('is broadcast to another client (tab) of the same storage', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const storage = sharedStorage()
    const tab1 = await signedIn(ADA, { tokenStorage: storage, tabSync: true })
    const tab2 = client({ tokenStorage: storage, tabSync: true })
    await tab2.ready()
    expect(tab2.getSnapshot().status).toBe('signed_in')
    const org = await tab1.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const changed = nextEvent(tab2, 'organizationChanged')
    await tab1.organizations.setActive(org.id)
    expect(await changed).toEqual({ organizationId: org.id })
    expect(tab2.getSnapshot().organizationId).toBe(org.id)
  })

  it('is cleared on sign-out (event before signedOut) and a new sign-in starts without one', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const storage = sharedStorage()
    const ada = await signedIn(ADA, { tokenStorage: storage, tabSync: false })
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await ada.organizations.setActive(org.id)
    const order: string[] = []
    ada.on('organizationChanged', ({ organizationId }) => order.push(`organizationChanged:${organizationId}`))
    ada.on('signedOut', () => order.push('signedOut'))
    await ada.auth.signOut()
    expect(order).toEqual(['organizationChanged:null', 'signedOut'])
    expect(ada.getSnapshot().organizationId).toBeNull()
    await ada.auth.signIn({ email: ADA, password: PASSWORD })
    expect(ada.getSnapshot().organizationId).toBeNull()
  })

  it('deleting or leaving the active organization clears it', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const other = await ada.organizations.createOrganization({ name: 'Beta', slug: 'beta' })
    await join(ada, bob, org.id)
    await bob.organizations.setActive(org.id)
    await bob.organizations.removeMember(org.id, bob.getSnapshot().user!.id)
    expect(bob.getSnapshot().organizationId).toBeNull()
    await ada.organizations.setActive(other.id)
    // Deleting another organization leaves the active one alone.
    await ada.organizations.deleteOrganization(org.id)
    expect(ada.getSnapshot().organizationId).toBe(other.id)
    await ada.organizations.deleteOrganization(other.id)
    expect(ada.getSnapshot().organizationId).toBeNull()
  })

  it('signed out: setActive(id) is UNAUTHORIZED, setActive(null) does nothing', async () => {
    const plinto = client()
    expect((await failure(plinto.organizations.setActive('org_1'))).code).toBe('UNAUTHORIZED')
    await plinto.organizations.setActive(null)
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })
})

/** The claims of an access token (decoding only; the server tests verify signatures). */
const claimsOf = (token: string | null) =>
  JSON.parse(Buffer.from((token ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>

describe('the active organization is the access token’s', () => {
  it('setActive asks the server: new tokens carrying org_id and org_role, announced through one transition', async () => {
    const { ada } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const before = await ada.getAccessToken()
    const events = recordEvents(ada)
    await ada.organizations.setActive(org.id)
    const after = await ada.getAccessToken()
    expect(after).not.toBe(before)
    expect(claimsOf(after)).toMatchObject({ org_id: org.id, org_role: 'owner' })
    expect(ada.getSnapshot()).toMatchObject({ organizationId: org.id, organizationRole: 'owner' })
    expect(events.tokenRefreshed).toHaveLength(1)
    expect(events.organizationChanged).toEqual([{ organizationId: org.id }])
    expect(backend.countRequests('POST', '/auth/organization/switch')).toBe(1)
    // Already active: nothing is sent. None: the server clears it and the token says so.
    await ada.organizations.setActive(org.id)
    expect(backend.countRequests('POST', '/auth/organization/switch')).toBe(1)
    await ada.organizations.setActive(null)
    expect(claimsOf(await ada.getAccessToken())).not.toHaveProperty('org_id')
    expect(ada.getSnapshot()).toMatchObject({ organizationId: null, organizationRole: null })
  })

  it('an organization one does not belong to is FORBIDDEN and changes nothing; refreshing still works at once', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const token = await bob.getAccessToken()
    const events = recordEvents(bob)
    expect((await failure(bob.organizations.setActive(org.id))).code).toBe('FORBIDDEN')
    expect(bob.getSnapshot()).toMatchObject({ status: 'signed_in', organizationId: null, organizationRole: null })
    expect(await bob.getAccessToken()).toBe(token)
    expect(events.organizationChanged).toEqual([])
    // No cooldown after the refusal, and the refresh chain is intact (no reuse, no sign-out).
    await bob.auth.refreshToken()
    expect(bob.getSnapshot().status).toBe('signed_in')
    expect(events.signedOut).toEqual([])
  })

  it('a removed member is back to no organization on the next refresh (organizationChanged fires)', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await join(ada, bob, org.id, 'admin')
    await bob.organizations.setActive(org.id)
    expect(bob.getSnapshot()).toMatchObject({ organizationId: org.id, organizationRole: 'admin' })
    await ada.organizations.removeMember(org.id, bob.getSnapshot().user!.id)
    const changed = nextEvent(bob, 'organizationChanged')
    await bob.auth.refreshToken()
    expect(await changed).toEqual({ organizationId: null })
    expect(bob.getSnapshot()).toMatchObject({ organizationId: null, organizationRole: null })
  })

  it('a demoted member gets the new role on the next refresh', async () => {
    const { ada, bob } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await join(ada, bob, org.id, 'admin')
    await bob.organizations.setActive(org.id)
    await ada.organizations.updateMemberRole(org.id, bob.getSnapshot().user!.id, 'member')
    expect(bob.getSnapshot().organizationRole).toBe('admin')
    await bob.auth.refreshToken()
    expect(bob.getSnapshot()).toMatchObject({ organizationId: org.id, organizationRole: 'member' })
  })

  it('setActive and refreshes at once share one refresh chain: the switch wins, no reuse, one client', async () => {
    const { ada } = await adaAndBob()
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const events = recordEvents(ada)
    await Promise.all([
      ada.auth.refreshToken(),
      ada.organizations.setActive(org.id),
      ada.auth.refreshToken(),
      ada.getAccessToken(),
    ])
    expect(ada.getSnapshot()).toMatchObject({ status: 'signed_in', organizationId: org.id, organizationRole: 'owner' })
    expect(claimsOf(await ada.getAccessToken())).toMatchObject({ org_id: org.id })
    // The session is intact: another refresh and a call succeed.
    await ada.auth.refreshToken()
    expect((await ada.organizations.listOrganizations()).total).toBe(1)
    expect(events.signedOut).toEqual([])
  })

  it('another tab of the same storage takes up the organization and role with the tokens', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const storage = sharedStorage()
    const tab1 = await signedIn(ADA, { tokenStorage: storage, tabSync: true })
    const tab2 = client({ tokenStorage: storage, tabSync: true })
    await tab2.ready()
    const org = await tab1.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const changed = nextEvent(tab2, 'organizationChanged')
    await tab1.organizations.setActive(org.id)
    expect(await changed).toEqual({ organizationId: org.id })
    expect(tab2.getSnapshot()).toMatchObject({ organizationId: org.id, organizationRole: 'owner' })
    expect(await tab2.getAccessToken()).toBe(await tab1.getAccessToken())
  })

  it('cookie mode: the switch goes with the HttpOnly cookie, and a reload restores the organization from it', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const ada = await signedIn(ADA, { tokenStorage: { type: 'cookie' } })
    const org = await ada.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await ada.organizations.setActive(org.id)
    expect(ada.getSnapshot()).toMatchObject({ organizationId: org.id, organizationRole: 'owner' })
    const reloaded = client({ tokenStorage: { type: 'cookie' } })
    await reloaded.ready()
    expect(reloaded.getSnapshot()).toMatchObject({
      status: 'signed_in',
      organizationId: org.id,
      organizationRole: 'owner',
    })
  })

  it('an organization the client cannot vouch for is never taken from storage: the token decides', async () => {
    await backend.seedUser({ email: ADA, password: PASSWORD })
    const storage = sharedStorage()
    await signedIn(ADA, { tokenStorage: storage, tabSync: false })
    const record = JSON.parse(storage.values.get('plinto_auth_token')!) as Record<string, unknown>
    storage.values.set('plinto_auth_token', JSON.stringify({ ...record, organization_id: 'org_forged' }))
    const later = client({ tokenStorage: storage, tabSync: false })
    await later.ready()
    expect(later.getSnapshot()).toMatchObject({ status: 'signed_in', organizationId: null, organizationRole: null })
  })
})
