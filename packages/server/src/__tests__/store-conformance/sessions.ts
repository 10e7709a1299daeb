// Conformance: sessions and refresh tokens, and what deleting a user takes with it.
import { describe, expect, test } from 'vitest'
import type { PlintoStore } from '../../index'
import {
  challengeRecord,
  createUsers,
  emailTokenRecord,
  invitationRecord,
  mfaRecord,
  NOW,
  oauthAccountRecord,
  organizationRecord,
  passkeyRecord,
  race,
  refreshTokenRecord,
  sessionRecord,
} from './records'

export function sessionsConformance(store: () => PlintoStore): void {
  describe('sessions', () => {
    test('create, get, update; listByUser in the order the sessions were created', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      // Ids deliberately out of alphabetical order: the order is creation, not id.
      for (const id of ['sess_c', 'sess_a', 'sess_b']) await store().sessions.create(sessionRecord(id, 'usr_1'))
      await store().sessions.create(sessionRecord('sess_other', 'usr_2'))
      expect((await store().sessions.listByUser('usr_1')).map((s) => s.id)).toEqual(['sess_c', 'sess_a', 'sess_b'])
      expect(await store().sessions.listByUser('usr_nobody')).toEqual([])
      expect(await store().sessions.get('sess_a')).toEqual(sessionRecord('sess_a', 'usr_1'))

      const updated = await store().sessions.update('sess_a', {
        last_active_at: NOW + 60_000,
        ip: '10.0.0.1',
        user_agent: null,
      })
      expect(updated).toEqual({
        ...sessionRecord('sess_a', 'usr_1'),
        last_active_at: NOW + 60_000,
        ip: '10.0.0.1',
        user_agent: null,
      })
      expect(await store().sessions.get('sess_a')).toEqual(updated)
      // Updating does not move a session in the list.
      expect((await store().sessions.listByUser('usr_1')).map((s) => s.id)).toEqual(['sess_c', 'sess_a', 'sess_b'])
      // The active organization is set and cleared like any other field.
      expect(await store().sessions.update('sess_a', { active_organization_id: 'org_1' })).toMatchObject({
        active_organization_id: 'org_1',
      })
      expect(await store().sessions.get('sess_a')).toEqual({ ...updated, active_organization_id: 'org_1' })
      await store().sessions.update('sess_a', { active_organization_id: null })
      expect(await store().sessions.get('sess_a')).toEqual(updated)
      expect(await store().sessions.update('sess_nobody', { ip: 'x' })).toBeUndefined()
      expect(await store().sessions.get('sess_nobody')).toBeUndefined()
    })

    test('authenticated_at: kept by create, start and update, read by get and authenticate; absent stays absent', async () => {
      await createUsers(store(), 'usr_1')
      await store().sessions.create(sessionRecord('sess_old', 'usr_1'))
      // A session stored before the field existed reads back without it (it counts from created_at).
      expect(await store().sessions.get('sess_old')).toEqual(sessionRecord('sess_old', 'usr_1'))
      const started = sessionRecord('sess_new', 'usr_1', { authenticated_at: NOW + 5 })
      await store().sessions.start(started, refreshTokenRecord('hash_new', started))
      expect((await store().sessions.authenticate('sess_new'))?.session).toEqual(started)
      await store().sessions.update('sess_new', { authenticated_at: NOW + 10 * 60_000 })
      expect((await store().sessions.authenticate('sess_new'))?.session.authenticated_at).toBe(NOW + 10 * 60_000)
      await store().sessions.update('sess_old', { authenticated_at: NOW + 1 })
      expect(await store().sessions.get('sess_old')).toEqual(
        sessionRecord('sess_old', 'usr_1', { authenticated_at: NOW + 1 }),
      )
    })

    test('revoke ends an active session once and wipes its refresh tokens’ sealed successors', async () => {
      await createUsers(store(), 'usr_1')
      const session = sessionRecord('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(
        refreshTokenRecord('rt_old', session, { rotated_at: NOW, successor_box: 'sealed' }),
      )
      await store().refreshTokens.create(refreshTokenRecord('rt_current', session))

      expect(await store().sessions.revoke('sess_1', 'signout', NOW + 5)).toBe(true)
      expect(await store().sessions.revoke('sess_1', 'revoked_by_user', NOW + 6)).toBe(false)
      expect(await store().sessions.revoke('sess_nobody', 'signout', NOW)).toBe(false)
      expect(await store().sessions.get('sess_1')).toMatchObject({ revoked_at: NOW + 5, revoked_reason: 'signout' })
      // The tokens stay (so presenting one answers SESSION_REVOKED), without their successor.
      expect(await store().refreshTokens.getByHash('rt_old')).toMatchObject({ rotated_at: NOW, successor_box: null })
      expect(await store().refreshTokens.getByHash('rt_current')).toBeDefined()
    })

    test('revokeByUser ends the user’s active sessions but the excepted one, and counts them', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      for (const id of ['sess_1', 'sess_2', 'sess_3']) await store().sessions.create(sessionRecord(id, 'usr_1'))
      await store().sessions.create(
        sessionRecord('sess_ended', 'usr_1', { revoked_at: NOW - 1, revoked_reason: 'signout' }),
      )
      await store().sessions.create(sessionRecord('sess_other', 'usr_2'))
      const current = sessionRecord('sess_1', 'usr_1')
      await store().refreshTokens.create(
        refreshTokenRecord('rt_2', sessionRecord('sess_2', 'usr_1'), { rotated_at: NOW, successor_box: 'sealed' }),
      )

      expect(await store().sessions.revokeByUser('usr_1', 'password_change', NOW + 1, current.id)).toBe(2)
      const byId = Object.fromEntries((await store().sessions.listByUser('usr_1')).map((s) => [s.id, s]))
      expect(byId.sess_1).toMatchObject({ revoked_at: null })
      expect(byId.sess_2).toMatchObject({ revoked_at: NOW + 1, revoked_reason: 'password_change' })
      expect(byId.sess_3).toMatchObject({ revoked_at: NOW + 1, revoked_reason: 'password_change' })
      expect(byId.sess_ended).toMatchObject({ revoked_at: NOW - 1, revoked_reason: 'signout' })
      expect(await store().sessions.get('sess_other')).toMatchObject({ revoked_at: null })
      expect(await store().refreshTokens.getByHash('rt_2')).toMatchObject({ successor_box: null })

      // Without an exception, the rest goes; nothing is left to end after that.
      expect(await store().sessions.revokeByUser('usr_1', 'password_reset', NOW + 2)).toBe(1)
      expect(await store().sessions.revokeByUser('usr_1', 'password_reset', NOW + 3)).toBe(0)
    })
  })

  describe('refresh tokens', () => {
    test('create and getByHash round-trip every field', async () => {
      await createUsers(store(), 'usr_1')
      const session = sessionRecord('sess_1', 'usr_1')
      await store().sessions.create(session)
      const token = refreshTokenRecord('rt_1', session)
      await store().refreshTokens.create(token)
      expect(await store().refreshTokens.getByHash('rt_1')).toEqual(token)
      expect(await store().refreshTokens.getByHash('rt_unknown')).toBeUndefined()
    })

    test('markRotated succeeds once, storing the time and the sealed successor', async () => {
      await createUsers(store(), 'usr_1')
      const session = sessionRecord('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(refreshTokenRecord('rt_1', session))
      expect(await store().refreshTokens.markRotated('rt_1', NOW + 10, 'box_1')).toBe(true)
      expect(await store().refreshTokens.markRotated('rt_1', NOW + 11, 'box_2')).toBe(false)
      expect(await store().refreshTokens.markRotated('rt_unknown', NOW, 'box')).toBe(false)
      expect(await store().refreshTokens.getByHash('rt_1')).toMatchObject({
        rotated_at: NOW + 10,
        successor_box: 'box_1',
      })
    })

    test('20 concurrent rotations of one token: exactly one wins', async () => {
      await createUsers(store(), 'usr_1')
      const session = sessionRecord('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(refreshTokenRecord('rt_1', session))
      let n = 0
      expect(
        await race(
          () => store().refreshTokens.markRotated('rt_1', NOW, `box_${n++}`),
          (won) => won,
        ),
      ).toBe(1)
    })

    test('wipeSuccessors forgets successors rotated at or before the boundary; deleteExpired drops expired tokens', async () => {
      await createUsers(store(), 'usr_1')
      const session = sessionRecord('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(
        refreshTokenRecord('rt_early', session, { rotated_at: NOW - 20_000, successor_box: 'a' }),
      )
      await store().refreshTokens.create(
        refreshTokenRecord('rt_edge', session, { rotated_at: NOW - 10_000, successor_box: 'b' }),
      )
      await store().refreshTokens.create(
        refreshTokenRecord('rt_recent', session, { rotated_at: NOW - 5_000, successor_box: 'c' }),
      )
      await store().refreshTokens.create(refreshTokenRecord('rt_expired', session, { expires_at: NOW }))
      await store().refreshTokens.create(refreshTokenRecord('rt_live', session, { expires_at: NOW + 1 }))

      await store().refreshTokens.wipeSuccessors(NOW - 10_000)
      expect(await store().refreshTokens.getByHash('rt_early')).toMatchObject({
        successor_box: null,
        rotated_at: NOW - 20_000,
      })
      expect(await store().refreshTokens.getByHash('rt_edge')).toMatchObject({ successor_box: null })
      expect(await store().refreshTokens.getByHash('rt_recent')).toMatchObject({ successor_box: 'c' })

      await store().refreshTokens.deleteExpired(NOW)
      expect(await store().refreshTokens.getByHash('rt_expired')).toBeUndefined()
      expect(await store().refreshTokens.getByHash('rt_live')).toBeDefined()
    })
  })

  describe('deleting a user', () => {
    test('takes everything of the user and nothing of anyone else; organizations stay', async () => {
      const now = NOW
      await createUsers(store(), 'usr_gone', 'usr_kept')
      for (const userId of ['usr_gone', 'usr_kept']) {
        const session = sessionRecord(`sess_${userId}`, userId)
        await store().sessions.create(session)
        await store().refreshTokens.create(refreshTokenRecord(`rt_${userId}`, session))
        await store().emailTokens.create(emailTokenRecord(`et_${userId}`, userId))
        await store().mfa.put(mfaRecord(userId))
        await store().challenges.create(challengeRecord(`ch_${userId}`, { user_id: userId }))
        await store().passkeys.create(passkeyRecord(`pk_${userId}`, userId))
        await store().oauthAccounts.create(
          oauthAccountRecord(`idn_${userId}`, userId, { provider_user_id: userId, created_at: now }),
        )
      }
      await store().organizations.create(organizationRecord('org_1'), {
        organization_id: 'org_1',
        user_id: 'usr_kept',
        role: 'owner',
        joined_at: now,
      })
      await store().memberships.add({ organization_id: 'org_1', user_id: 'usr_gone', role: 'admin', joined_at: now })
      await store().invitations.create(invitationRecord('inv_1', 'org_1', { invited_by: 'usr_gone' }))

      expect(await store().users.delete('usr_gone')).toBe(true)

      expect(await store().users.get('usr_gone')).toBeUndefined()
      expect(await store().sessions.listByUser('usr_gone')).toEqual([])
      expect(await store().sessions.get('sess_usr_gone')).toBeUndefined()
      expect(await store().refreshTokens.getByHash('rt_usr_gone')).toBeUndefined()
      expect(await store().emailTokens.consume('et_usr_gone', 'verify_email', now)).toBeUndefined()
      expect(await store().mfa.get('usr_gone')).toBeUndefined()
      expect(await store().challenges.get('ch_usr_gone', 'mfa_token', now)).toBeUndefined()
      expect(await store().passkeys.listByUser('usr_gone')).toEqual([])
      expect(await store().passkeys.getByCredentialId('cred_pk_usr_gone')).toBeUndefined()
      expect(await store().oauthAccounts.get('github', 'usr_gone')).toBeUndefined()
      expect(await store().memberships.listByUser('usr_gone')).toEqual([])

      expect(await store().organizations.get('org_1')).toBeDefined()
      expect((await store().memberships.listByOrganization('org_1')).map((m) => m.user_id)).toEqual(['usr_kept'])
      expect(await store().invitations.get('inv_1')).toMatchObject({ invited_by: 'usr_gone' })
      expect(await store().sessions.get('sess_usr_kept')).toBeDefined()
      expect(await store().refreshTokens.getByHash('rt_usr_kept')).toBeDefined()
      expect(await store().mfa.get('usr_kept')).toBeDefined()
      expect(await store().challenges.get('ch_usr_kept', 'mfa_token', now)).toBeDefined()
      expect(await store().passkeys.listByUser('usr_kept')).toHaveLength(1)
      expect(await store().oauthAccounts.listByUser('usr_kept')).toHaveLength(1)
      expect(await store().emailTokens.consume('et_usr_kept', 'verify_email', now)).toBeDefined()
    })
  })
}
