// Conformance: lookups by a secondary key (email, username, slug, token hash, owner) stay right through
// renames, refused updates and deletes. The memory store answers these from indexes it keeps beside its
// state; here every store must answer them as if it scanned.
import { describe, expect, test } from 'vitest'
import { UniqueConstraintError, type PlintoStore } from '../../index'
import {
  createUsers,
  emailTokenRecord,
  invitationRecord,
  NOW,
  organizationRecord,
  refreshTokenRecord,
  sessionRecord,
  userRecord,
} from './records'

const MINUTE = 60_000

export function lookupsConformance(store: () => PlintoStore): void {
  describe('lookups by secondary keys', () => {
    test('a renamed email and username are found by the new values only; the old ones are free', async () => {
      await store().users.create(
        userRecord('usr_1', { email: 'old@example.com', username: 'old', username_normalized: 'old' }),
      )
      await store().users.update('usr_1', {
        email: 'New@Example.com',
        email_normalized: 'new@example.com',
        username: 'New',
        username_normalized: 'new',
      })
      expect(await store().users.getByEmail('old@example.com')).toBeUndefined()
      expect(await store().users.getByUsername('old')).toBeUndefined()
      expect(await store().users.getByEmail('new@example.com')).toMatchObject({ id: 'usr_1' })
      expect(await store().users.getByUsername('new')).toMatchObject({ id: 'usr_1' })
      // The old values can be taken by someone else, and the new ones cannot.
      await store().users.create(
        userRecord('usr_2', { email: 'old@example.com', username: 'old', username_normalized: 'old' }),
      )
      expect(await store().users.getByEmail('old@example.com')).toMatchObject({ id: 'usr_2' })
      const taken = await store()
        .users.create(userRecord('usr_3', { email: 'NEW@example.com' }))
        .catch((e: unknown) => e)
      expect(taken).toBeInstanceOf(UniqueConstraintError)
      // Dropping the username frees it.
      await store().users.update('usr_1', { username: null, username_normalized: null })
      expect(await store().users.getByUsername('new')).toBeUndefined()
      await store().users.update('usr_2', { username: 'New', username_normalized: 'new' })
      expect(await store().users.getByUsername('new')).toMatchObject({ id: 'usr_2' })
    })

    test('a refused update leaves every lookup as it was', async () => {
      await store().users.create(userRecord('usr_1', { username: 'one', username_normalized: 'one' }))
      await store().users.create(userRecord('usr_2', { username: 'two', username_normalized: 'two' }))
      const email = await store()
        .users.update('usr_2', {
          email: 'usr_1@example.com',
          email_normalized: 'usr_1@example.com',
          username_normalized: 'three',
        })
        .catch((e: unknown) => e)
      expect((email as UniqueConstraintError).field).toBe('email')
      const username = await store()
        .users.update('usr_2', {
          email: 'fresh@example.com',
          email_normalized: 'fresh@example.com',
          username_normalized: 'one',
        })
        .catch((e: unknown) => e)
      expect((username as UniqueConstraintError).field).toBe('username')
      expect(await store().users.getByEmail('fresh@example.com')).toBeUndefined()
      expect(await store().users.getByUsername('three')).toBeUndefined()
      expect(await store().users.getByEmail('usr_2@example.com')).toMatchObject({
        id: 'usr_2',
        username_normalized: 'two',
      })
      expect(await store().users.getByUsername('two')).toMatchObject({ id: 'usr_2' })
      expect(await store().users.getByEmail('usr_1@example.com')).toMatchObject({ id: 'usr_1' })
      // An update that changes neither key (a sign-in's last_sign_in_at) keeps both lookups.
      await store().users.update('usr_2', { last_sign_in_at: NOW + 1 })
      expect(await store().users.getByEmail('usr_2@example.com')).toMatchObject({ last_sign_in_at: NOW + 1 })
      expect(await store().users.getByUsername('two')).toMatchObject({ last_sign_in_at: NOW + 1 })
    })

    test('deleting a user takes its sessions, refresh tokens, email tokens and memberships out of every lookup', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      const gone = sessionRecord('sess_gone', 'usr_1')
      const kept = sessionRecord('sess_kept', 'usr_2')
      await store().sessions.create(gone)
      await store().sessions.create(kept)
      await store().refreshTokens.create(refreshTokenRecord('rt_gone', gone))
      await store().refreshTokens.create(refreshTokenRecord('rt_kept', kept))
      await store().emailTokens.create(emailTokenRecord('et_gone', 'usr_1'))
      await store().organizations.create(organizationRecord('org_1'), {
        organization_id: 'org_1',
        user_id: 'usr_2',
        role: 'owner',
        joined_at: NOW,
      })
      await store().memberships.add({ organization_id: 'org_1', user_id: 'usr_1', role: 'member', joined_at: NOW })
      expect(await store().users.delete('usr_1')).toBe(true)
      expect(await store().sessions.listByUser('usr_1')).toEqual([])
      expect(await store().refreshTokens.getByHash('rt_gone')).toBeUndefined()
      expect(await store().memberships.listByUser('usr_1')).toEqual([])
      expect((await store().memberships.listByOrganization('org_1')).map((m) => m.user_id)).toEqual(['usr_2'])
      expect(await store().emailTokens.consume('et_gone', 'verify_email', NOW)).toBeUndefined()
      // A new account under the same ID and email starts with nothing.
      await store().users.create(userRecord('usr_1'))
      expect(await store().sessions.listByUser('usr_1')).toEqual([])
      expect(await store().memberships.listByUser('usr_1')).toEqual([])
      // The other user's records are untouched and still swept normally.
      expect(await store().sessions.listByUser('usr_2')).toEqual([kept])
      await store().sessions.revoke('sess_kept', 'signout', NOW)
      await store().refreshTokens.deleteExpired(NOW + 31 * 24 * 60 * MINUTE)
      expect(await store().refreshTokens.getByHash('rt_kept')).toBeUndefined()
    })

    test('sweeps see tokens rotated and revoked after creation, and a replaced token hash', async () => {
      await createUsers(store(), 'usr_1')
      const session = sessionRecord('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(refreshTokenRecord('rt_1', session, { expires_at: NOW + MINUTE }))
      await store().refreshTokens.create(refreshTokenRecord('rt_2', session, { expires_at: NOW + 2 * MINUTE }))
      await store().refreshTokens.markRotated('rt_1', NOW, 'box')
      await store().refreshTokens.wipeSuccessors(NOW - 1)
      expect(await store().refreshTokens.getByHash('rt_1')).toMatchObject({ successor_box: 'box' })
      await store().refreshTokens.wipeSuccessors(NOW)
      expect(await store().refreshTokens.getByHash('rt_1')).toMatchObject({ successor_box: null })
      await store().refreshTokens.deleteExpired(NOW + MINUTE)
      expect(await store().refreshTokens.getByHash('rt_1')).toBeUndefined()
      expect(await store().refreshTokens.getByHash('rt_2')).toBeDefined()
      await store().refreshTokens.deleteExpired(NOW + 2 * MINUTE)
      expect(await store().refreshTokens.getByHash('rt_2')).toBeUndefined()
      // A token expiring later than the sweep is kept, however many sweeps run.
      await store().refreshTokens.create(refreshTokenRecord('rt_3', session, { expires_at: NOW + 10 * MINUTE }))
      await store().refreshTokens.deleteExpired(NOW + 9 * MINUTE)
      await store().refreshTokens.deleteExpired(NOW + 9 * MINUTE)
      expect(await store().refreshTokens.getByHash('rt_3')).toBeDefined()
      await store().refreshTokens.deleteExpired(NOW + 10 * MINUTE)
      expect(await store().refreshTokens.getByHash('rt_3')).toBeUndefined()
    })

    test('a renamed slug, and invitations by token hash through a deleted organization', async () => {
      await createUsers(store(), 'usr_1')
      const ownerOf = (organization_id: string) => ({
        organization_id,
        user_id: 'usr_1',
        role: 'owner' as const,
        joined_at: NOW,
      })
      await store().organizations.create(organizationRecord('org_1', { slug: 'old' }), ownerOf('org_1'))
      await store().organizations.update('org_1', { slug: 'new' })
      expect(await store().organizations.getBySlug('old')).toBeUndefined()
      expect(await store().organizations.getBySlug('new')).toMatchObject({ id: 'org_1' })
      await store().organizations.create(organizationRecord('org_2', { slug: 'old' }), ownerOf('org_2'))
      expect(await store().organizations.getBySlug('old')).toMatchObject({ id: 'org_2' })
      const refused = await store()
        .organizations.update('org_2', { slug: 'new' })
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(UniqueConstraintError)
      expect(await store().organizations.getBySlug('old')).toMatchObject({ id: 'org_2' })
      expect(await store().organizations.getBySlug('new')).toMatchObject({ id: 'org_1' })

      await store().invitations.create(invitationRecord('inv_1', 'org_1', { token_hash: 'ih_1' }))
      await store().invitations.create(invitationRecord('inv_2', 'org_2', { token_hash: 'ih_2' }))
      expect(await store().invitations.getByTokenHash('ih_1')).toMatchObject({ id: 'inv_1' })
      await store().organizations.delete('org_1')
      expect(await store().invitations.getByTokenHash('ih_1')).toBeUndefined()
      expect(await store().invitations.listByOrganization('org_1')).toEqual([])
      expect(await store().memberships.listByUser('usr_1')).toMatchObject([{ organization_id: 'org_2' }])
      expect(await store().invitations.getByTokenHash('ih_2')).toMatchObject({ id: 'inv_2' })
      expect(await store().organizations.getBySlug('new')).toBeUndefined()
    })
  })
}
