// Conformance: organizations, memberships and invitations.
import { describe, expect, test } from 'vitest'
import { UniqueConstraintError, type MembershipRecord, type PlintoStore } from '../../index'
import { createUsers, invitationRecord, NOW, organizationRecord, race } from './records'

const owner = (organizationId: string, userId: string): MembershipRecord => ({
  organization_id: organizationId,
  user_id: userId,
  role: 'owner',
  joined_at: NOW,
})

export function organizationsConformance(store: () => PlintoStore): void {
  describe('organizations', () => {
    test('create with its owner; get, getBySlug, update, delete', async () => {
      await createUsers(store(), 'usr_1')
      const org = organizationRecord('org_1', { slug: 'acme', description: 'Rockets' })
      await store().organizations.create(org, owner('org_1', 'usr_1'))
      expect(await store().organizations.get('org_1')).toEqual(org)
      expect(await store().organizations.getBySlug('acme')).toEqual(org)
      expect(await store().organizations.getBySlug('nope')).toBeUndefined()
      expect(await store().memberships.get('org_1', 'usr_1')).toEqual(owner('org_1', 'usr_1'))

      const updated = await store().organizations.update('org_1', {
        name: 'Acme Inc',
        description: null,
        updated_at: NOW + 1,
      })
      expect(updated).toEqual({ ...org, name: 'Acme Inc', description: null, updated_at: NOW + 1 })
      expect(await store().organizations.update('org_nobody', { name: 'x' })).toBeUndefined()

      expect(await store().organizations.delete('org_1')).toBe(true)
      expect(await store().organizations.delete('org_1')).toBe(false)
      expect(await store().organizations.get('org_1')).toBeUndefined()
    })

    test('a taken slug is a UniqueConstraintError on create and on update, and the failed create leaves nothing', async () => {
      await createUsers(store(), 'usr_1')
      await store().organizations.create(organizationRecord('org_1', { slug: 'acme' }), owner('org_1', 'usr_1'))
      await store().organizations.create(organizationRecord('org_2', { slug: 'globex' }), owner('org_2', 'usr_1'))
      const created = await store()
        .organizations.create(organizationRecord('org_3', { slug: 'acme' }), owner('org_3', 'usr_1'))
        .catch((e: unknown) => e)
      expect(created).toBeInstanceOf(UniqueConstraintError)
      expect((created as UniqueConstraintError).field).toBe('slug')
      expect(await store().organizations.get('org_3')).toBeUndefined()
      expect(await store().memberships.get('org_3', 'usr_1')).toBeUndefined()

      const updated = await store()
        .organizations.update('org_2', { slug: 'acme' })
        .catch((e: unknown) => e)
      expect((updated as UniqueConstraintError).field).toBe('slug')
      expect(await store().organizations.getBySlug('globex')).toMatchObject({ id: 'org_2' })
      expect(await store().organizations.update('org_1', { slug: 'acme' })).toMatchObject({ slug: 'acme' })
    })

    test('deleting an organization takes its memberships and invitations', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().organizations.create(organizationRecord('org_1'), owner('org_1', 'usr_1'))
      await store().memberships.add({ organization_id: 'org_1', user_id: 'usr_2', role: 'member', joined_at: NOW })
      await store().invitations.create(invitationRecord('inv_1', 'org_1'))
      await store().organizations.delete('org_1')
      expect(await store().memberships.listByUser('usr_1')).toEqual([])
      expect(await store().memberships.listByOrganization('org_1')).toEqual([])
      expect(await store().invitations.get('inv_1')).toBeUndefined()
      expect(await store().users.get('usr_2')).toBeDefined()
    })
  })

  describe('memberships', () => {
    test('add once; lists in the order members joined', async () => {
      await createUsers(store(), 'usr_1', 'usr_2', 'usr_3')
      await store().organizations.create(organizationRecord('org_b'), owner('org_b', 'usr_3'))
      await store().organizations.create(organizationRecord('org_a'), owner('org_a', 'usr_1'))
      const member = { organization_id: 'org_a', user_id: 'usr_3', role: 'member' as const, joined_at: NOW + 1 }
      expect(await store().memberships.add(member)).toBe(true)
      expect(await store().memberships.add({ ...member, role: 'admin' })).toBe(false)
      expect(
        await store().memberships.add({
          organization_id: 'org_unknown',
          user_id: 'usr_2',
          role: 'member',
          joined_at: NOW,
        }),
      ).toBe(false)
      await store().memberships.add({ organization_id: 'org_a', user_id: 'usr_2', role: 'admin', joined_at: NOW + 2 })

      expect(await store().memberships.get('org_a', 'usr_3')).toEqual(member)
      expect(await store().memberships.get('org_a', 'usr_nobody')).toBeUndefined()
      expect((await store().memberships.listByOrganization('org_a')).map((m) => m.user_id)).toEqual([
        'usr_1',
        'usr_3',
        'usr_2',
      ])
      expect((await store().memberships.listByUser('usr_3')).map((m) => m.organization_id)).toEqual(['org_b', 'org_a'])
    })

    test('setRole and remove refuse to leave an organization without an owner', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().organizations.create(organizationRecord('org_1'), owner('org_1', 'usr_1'))
      await store().memberships.add({ organization_id: 'org_1', user_id: 'usr_2', role: 'member', joined_at: NOW })

      expect(await store().memberships.setRole('org_1', 'usr_1', 'admin')).toBe('last_owner')
      expect(await store().memberships.remove('org_1', 'usr_1')).toBe('last_owner')
      expect(await store().memberships.setRole('org_1', 'usr_1', 'owner')).toBe('ok')
      expect(await store().memberships.setRole('org_1', 'usr_nobody', 'admin')).toBe('not_found')
      expect(await store().memberships.remove('org_1', 'usr_nobody')).toBe('not_found')

      expect(await store().memberships.setRole('org_1', 'usr_2', 'owner')).toBe('ok')
      expect(await store().memberships.setRole('org_1', 'usr_1', 'member')).toBe('ok')
      expect(await store().memberships.get('org_1', 'usr_1')).toMatchObject({ role: 'member' })
      expect(await store().memberships.remove('org_1', 'usr_1')).toBe('ok')
      expect(await store().memberships.get('org_1', 'usr_1')).toBeUndefined()
      expect(await store().memberships.remove('org_1', 'usr_2')).toBe('last_owner')
      // A role change does not move the member in the list.
      expect((await store().memberships.listByOrganization('org_1')).map((m) => m.user_id)).toEqual(['usr_2'])
    })

    test('two owners demoting each other at once: exactly one change passes, an owner remains', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().organizations.create(organizationRecord('org_1'), owner('org_1', 'usr_1'))
      await store().memberships.add(owner('org_1', 'usr_2'))
      const results = await Promise.all([
        store().memberships.setRole('org_1', 'usr_1', 'member'),
        store().memberships.remove('org_1', 'usr_2'),
      ])
      expect(results.filter((r) => r === 'ok')).toHaveLength(1)
      expect(results.filter((r) => r === 'last_owner')).toHaveLength(1)
      expect((await store().memberships.listByOrganization('org_1')).filter((m) => m.role === 'owner')).toHaveLength(1)
    })
  })

  describe('invitations', () => {
    test('create, get, getByTokenHash; a new invitation revokes the pending one to the same address', async () => {
      await createUsers(store(), 'usr_1')
      await store().organizations.create(organizationRecord('org_1'), owner('org_1', 'usr_1'))
      await store().organizations.create(organizationRecord('org_2'), owner('org_2', 'usr_1'))
      const first = invitationRecord('inv_c', 'org_1', { email: 'Guest@Example.com', invited_by: 'usr_1' })
      await store().invitations.create(first)
      await store().invitations.create(invitationRecord('inv_a', 'org_1', { email: 'other@example.com' }))
      await store().invitations.create(invitationRecord('inv_elsewhere', 'org_2', { email: 'guest@example.com' }))
      expect(await store().invitations.get('inv_c')).toEqual(first)
      expect(await store().invitations.getByTokenHash('hash_inv_c')).toEqual(first)
      expect(await store().invitations.getByTokenHash('hash_unknown')).toBeUndefined()

      await store().invitations.create(
        invitationRecord('inv_b', 'org_1', { email: 'GUEST@example.com', created_at: NOW + 9 }),
      )
      expect(await store().invitations.get('inv_c')).toMatchObject({ status: 'revoked', decided_at: NOW + 9 })
      expect(await store().invitations.get('inv_a')).toMatchObject({ status: 'pending' })
      expect(await store().invitations.get('inv_elsewhere')).toMatchObject({ status: 'pending' })
      expect((await store().invitations.listByOrganization('org_1')).map((i) => i.id)).toEqual([
        'inv_c',
        'inv_a',
        'inv_b',
      ])
    })

    test('decide moves a pending, unexpired invitation once', async () => {
      await createUsers(store(), 'usr_1')
      await store().organizations.create(organizationRecord('org_1'), owner('org_1', 'usr_1'))
      await store().invitations.create(invitationRecord('inv_1', 'org_1', { email: 'a@example.com' }))
      await store().invitations.create(
        invitationRecord('inv_2', 'org_1', { email: 'b@example.com', expires_at: NOW + 100 }),
      )
      expect(await store().invitations.decide('inv_1', 'accepted', NOW)).toBe(true)
      expect(await store().invitations.decide('inv_1', 'revoked', NOW)).toBe(false)
      expect(await store().invitations.get('inv_1')).toMatchObject({ status: 'accepted', decided_at: NOW })
      expect(await store().invitations.decide('inv_2', 'accepted', NOW + 100)).toBe(false)
      expect(await store().invitations.get('inv_2')).toMatchObject({ status: 'pending' })
      expect(await store().invitations.decide('inv_unknown', 'accepted', NOW)).toBe(false)
    })

    test('20 concurrent invitations to one address: exactly one stays pending', async () => {
      await createUsers(store(), 'usr_1')
      await store().organizations.create(organizationRecord('org_1'), owner('org_1', 'usr_1'))
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store().invitations.create(invitationRecord(`inv_${i}`, 'org_1'))),
      )
      const statuses = (await store().invitations.listByOrganization('org_1')).map((i) => i.status)
      expect(statuses.filter((status) => status === 'pending')).toHaveLength(1)
      expect(statuses.filter((status) => status === 'revoked')).toHaveLength(19)
    })

    test('20 concurrent acceptances: exactly one succeeds', async () => {
      await createUsers(store(), 'usr_1')
      await store().organizations.create(organizationRecord('org_1'), owner('org_1', 'usr_1'))
      await store().invitations.create(invitationRecord('inv_1', 'org_1'))
      expect(
        await race(
          () => store().invitations.decide('inv_1', 'accepted', NOW),
          (won) => won,
        ),
      ).toBe(1)
    })
  })
}
