// Conformance: the whole-step operations of the request paths (start a session, authenticate, rotate) and the
// sweep's deletions, including sweeps racing rotations.
import { describe, expect, test } from 'vitest'
import { resolveConfig, SWEEP_MARGIN_MS, sweepStore, type PlintoStore, type SessionRecord } from '../../index'
import { createUsers, emailTokenRecord, NOW, race, refreshTokenRecord, sessionRecord, userRecord } from './records'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** Test-mode configuration: a 10 s grace window. */
const CONFIG = resolveConfig('test')
const GRACE = CONFIG.refreshGraceSeconds * 1000

/** A session whose tokens carry a family secret (as every session the server starts now). */
const familySession = (id: string, userId: string, overrides: Partial<SessionRecord> = {}) =>
  sessionRecord(id, userId, { refresh_family_hash: `family_${id}`, ...overrides })

/** How many of `hashes` the store still holds. */
async function held(store: PlintoStore, ...hashes: string[]): Promise<string[]> {
  const found = await Promise.all(hashes.map((hash) => store.refreshTokens.getByHash(hash)))
  return hashes.filter((_, i) => found[i] !== undefined)
}

export function sweepConformance(store: () => PlintoStore): void {
  describe('request steps', () => {
    test('sessions.start stores the session and its first token and records the sign-in, in one step', async () => {
      await createUsers(store(), 'usr_1')
      const session = familySession('sess_1', 'usr_1', { created_at: NOW + 5 })
      const token = refreshTokenRecord('rt_1', session)
      const user = await store().sessions.start(session, token)
      expect(user).toEqual({ ...userRecord('usr_1'), last_sign_in_at: NOW + 5 })
      expect(await store().users.get('usr_1')).toEqual(user)
      expect(await store().sessions.get('sess_1')).toEqual(session)
      expect(await store().refreshTokens.getByHash('rt_1')).toEqual(token)

      // Without a user nothing is stored.
      const orphan = familySession('sess_orphan', 'usr_nobody')
      expect(await store().sessions.start(orphan, refreshTokenRecord('rt_orphan', orphan))).toBeUndefined()
      expect(await store().sessions.get('sess_orphan')).toBeUndefined()
      expect(await store().refreshTokens.getByHash('rt_orphan')).toBeUndefined()
    })

    test('sessions without a family read back without the field', async () => {
      await createUsers(store(), 'usr_1')
      await store().sessions.create(sessionRecord('sess_plain', 'usr_1'))
      expect(await store().sessions.get('sess_plain')).toEqual(sessionRecord('sess_plain', 'usr_1'))
    })

    test('sessions.getByRefreshFamily finds a session by its family hash, ended ones included', async () => {
      await createUsers(store(), 'usr_1')
      await store().sessions.create(familySession('sess_1', 'usr_1'))
      await store().sessions.create(sessionRecord('sess_plain', 'usr_1'))
      await store().sessions.revoke('sess_1', 'signout', NOW)
      expect(await store().sessions.getByRefreshFamily('family_sess_1')).toMatchObject({
        id: 'sess_1',
        revoked_reason: 'signout',
      })
      expect(await store().sessions.getByRefreshFamily('family_nobody')).toBeUndefined()
      await store().users.delete('usr_1')
      expect(await store().sessions.getByRefreshFamily('family_sess_1')).toBeUndefined()
    })

    test('sessions.authenticate answers the session with its user in one read', async () => {
      await createUsers(store(), 'usr_1')
      const session = familySession('sess_1', 'usr_1', { revoked_at: NOW, revoked_reason: 'signout' })
      await store().sessions.create(session)
      expect(await store().sessions.authenticate('sess_1')).toEqual({ session, user: userRecord('usr_1') })
      expect(await store().sessions.authenticate('sess_nobody')).toBeUndefined()
    })

    test('refreshTokens.getWithSession answers the token with its session', async () => {
      await createUsers(store(), 'usr_1')
      const session = familySession('sess_1', 'usr_1')
      await store().sessions.create(session)
      const token = refreshTokenRecord('rt_1', session, { rotated_at: NOW, successor_box: 'box' })
      await store().refreshTokens.create(token)
      expect(await store().refreshTokens.getWithSession('rt_1')).toEqual({ token, session })
      expect(await store().refreshTokens.getWithSession('rt_nobody')).toBeUndefined()
    })

    test('refreshTokens.rotate claims once, stores the successor, moves the session, wipes old successors', async () => {
      await createUsers(store(), 'usr_1')
      const session = familySession('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(
        refreshTokenRecord('rt_old', session, { rotated_at: NOW - 2 * GRACE, successor_box: 'old_box' }),
      )
      await store().refreshTokens.create(
        refreshTokenRecord('rt_recent', session, { rotated_at: NOW - 1_000, successor_box: 'recent_box' }),
      )
      await store().refreshTokens.create(refreshTokenRecord('rt_1', session))
      const successor = refreshTokenRecord('rt_2', session, { created_at: NOW + 1, expires_at: NOW + 31 * DAY })
      const rotation = {
        rotatedAt: NOW + 1,
        successorBox: 'box_1',
        successor,
        session: { last_active_at: NOW + 1, expires_at: NOW + 31 * DAY, active_organization_id: null },
        wipeSuccessorsRotatedBefore: NOW + 1 - GRACE - 1,
      }
      expect(await store().refreshTokens.rotate('rt_1', rotation)).toBe(true)
      expect(await store().refreshTokens.getByHash('rt_1')).toMatchObject({
        rotated_at: NOW + 1,
        successor_box: 'box_1',
      })
      expect(await store().refreshTokens.getByHash('rt_2')).toEqual(successor)
      expect(await store().sessions.get('sess_1')).toEqual({
        ...session,
        last_active_at: NOW + 1,
        expires_at: NOW + 31 * DAY,
      })
      expect(await store().refreshTokens.getByHash('rt_old')).toMatchObject({ successor_box: null })
      expect(await store().refreshTokens.getByHash('rt_recent')).toMatchObject({ successor_box: 'recent_box' })

      // The loser writes nothing: no second successor, no session change.
      const late = refreshTokenRecord('rt_3', session)
      const lost = {
        ...rotation,
        successor: late,
        session: { last_active_at: NOW + 2, expires_at: NOW + 2, active_organization_id: null },
      }
      expect(await store().refreshTokens.rotate('rt_1', lost)).toBe(false)
      expect(await store().refreshTokens.getByHash('rt_3')).toBeUndefined()
      expect(await store().sessions.get('sess_1')).toMatchObject({ last_active_at: NOW + 1 })
      expect(await store().refreshTokens.rotate('rt_nobody', lost)).toBe(false)
    })

    test('20 concurrent rotate calls with one token: one wins, one successor is stored', async () => {
      await createUsers(store(), 'usr_1')
      const session = familySession('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(refreshTokenRecord('rt_1', session))
      let n = 0
      const wins = await race(
        () => {
          const i = n++
          return store().refreshTokens.rotate('rt_1', {
            rotatedAt: NOW + 1,
            successorBox: `box_${i}`,
            successor: refreshTokenRecord(`rt_next_${i}`, session),
            session: { last_active_at: NOW + 1, expires_at: NOW + 31 * DAY, active_organization_id: null },
            wipeSuccessorsRotatedBefore: NOW - GRACE,
          })
        },
        (won) => won,
      )
      expect(wins).toBe(1)
      const successors = await held(store(), ...Array.from({ length: 20 }, (_, i) => `rt_next_${i}`))
      expect(successors).toHaveLength(1)
    })
  })

  describe('the sweep', () => {
    test('deleteSettled: rotated tokens of family sessions past the boundary, and all tokens of ended ones', async () => {
      await createUsers(store(), 'usr_1')
      const family = familySession('sess_family', 'usr_1')
      const plain = sessionRecord('sess_plain', 'usr_1')
      const ended = familySession('sess_ended', 'usr_1')
      for (const session of [family, plain, ended]) await store().sessions.create(session)
      for (const session of [family, plain]) {
        const id = session.id
        await store().refreshTokens.create(refreshTokenRecord(`${id}_early`, session, { rotated_at: NOW - 20_000 }))
        await store().refreshTokens.create(refreshTokenRecord(`${id}_edge`, session, { rotated_at: NOW - 10_000 }))
        await store().refreshTokens.create(refreshTokenRecord(`${id}_late`, session, { rotated_at: NOW - 5_000 }))
        await store().refreshTokens.create(refreshTokenRecord(`${id}_current`, session))
      }
      await store().refreshTokens.create(refreshTokenRecord('ended_rotated', ended, { rotated_at: NOW - 1 }))
      await store().refreshTokens.create(refreshTokenRecord('ended_current', ended))
      expect(await store().sessions.revoke('sess_ended', 'signout', NOW)).toBe(true)

      // Strictly before the boundary: `edge` (rotated exactly at it) stays.
      expect(await store().refreshTokens.deleteSettled(NOW - 10_000)).toBe(3)
      expect(
        await held(
          store(),
          ...['early', 'edge', 'late', 'current'].flatMap((t) => [`sess_family_${t}`, `sess_plain_${t}`]),
          'ended_rotated',
          'ended_current',
        ),
      ).toEqual([
        'sess_plain_early',
        'sess_family_edge',
        'sess_plain_edge',
        'sess_family_late',
        'sess_plain_late',
        'sess_family_current',
        'sess_plain_current',
      ])
      // The ended session itself stays, so its tokens still answer SESSION_REVOKED by their family.
      expect(await store().sessions.get('sess_ended')).toMatchObject({ revoked_reason: 'signout' })
      expect(await store().refreshTokens.deleteSettled(NOW - 10_000)).toBe(0)
      expect(await store().refreshTokens.deleteSettled(NOW)).toBe(2)
      expect(await held(store(), 'sess_family_edge', 'sess_family_late', 'sess_family_current')).toEqual([
        'sess_family_current',
      ])
    })

    test('sessions.deleteExpired: expired sessions, ended or not, with their tokens; counts', async () => {
      await createUsers(store(), 'usr_1')
      const expired = familySession('sess_expired', 'usr_1', { expires_at: NOW })
      const endedExpired = sessionRecord('sess_ended', 'usr_1', { expires_at: NOW - 1 })
      const live = familySession('sess_live', 'usr_1', { expires_at: NOW + 1 })
      for (const session of [expired, endedExpired, live]) {
        await store().sessions.create(session)
        await store().refreshTokens.create(refreshTokenRecord(`rt_${session.id}`, session))
      }
      await store().sessions.revoke('sess_ended', 'signout', NOW - 100)
      expect(await store().sessions.deleteExpired(NOW)).toBe(2)
      expect((await store().sessions.listByUser('usr_1')).map((s) => s.id)).toEqual(['sess_live'])
      expect(await held(store(), 'rt_sess_expired', 'rt_sess_ended', 'rt_sess_live')).toEqual(['rt_sess_live'])
      expect(await store().sessions.deleteExpired(NOW)).toBe(0)
    })

    test('a session whose expiry a rotation moved is not deleted at its old expiry', async () => {
      await createUsers(store(), 'usr_1')
      const session = familySession('sess_1', 'usr_1', { expires_at: NOW + MINUTE })
      await store().sessions.create(session)
      await store().refreshTokens.create(refreshTokenRecord('rt_1', session, { expires_at: NOW + MINUTE }))
      const successor = refreshTokenRecord('rt_2', session, { expires_at: NOW + DAY })
      await store().refreshTokens.rotate('rt_1', {
        rotatedAt: NOW,
        successorBox: 'box',
        successor,
        session: { last_active_at: NOW, expires_at: NOW + DAY, active_organization_id: null },
        wipeSuccessorsRotatedBefore: NOW - GRACE,
      })
      expect(await store().sessions.deleteExpired(NOW + 2 * MINUTE)).toBe(0)
      expect(await store().sessions.get('sess_1')).toBeDefined()
      expect(await store().sessions.deleteExpired(NOW + DAY)).toBe(1)
      expect(await held(store(), 'rt_1', 'rt_2')).toEqual([])
    })

    test('emailTokens.deleteExpired drops expired tokens only; refreshTokens.deleteExpired counts', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().emailTokens.create(emailTokenRecord('et_expired', 'usr_1', { expires_at: NOW }))
      await store().emailTokens.create(emailTokenRecord('et_live', 'usr_2', { expires_at: NOW + 1 }))
      expect(await store().emailTokens.deleteExpired(NOW)).toBe(1)
      expect(await store().emailTokens.consume('et_expired', 'verify_email', NOW - 10)).toBeUndefined()
      expect(await store().emailTokens.consume('et_live', 'verify_email', NOW)).toMatchObject({ user_id: 'usr_2' })

      const session = sessionRecord('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(refreshTokenRecord('rt_expired', session, { expires_at: NOW }))
      expect(await store().refreshTokens.deleteExpired(NOW)).toBe(1)
      expect(await store().refreshTokens.deleteExpired(NOW)).toBe(0)
    })

    test('sweepStore after a rotation: the rotated record goes, the session and its family stay', async () => {
      await createUsers(store(), 'usr_1')
      const session = familySession('sess_1', 'usr_1')
      await store().sessions.create(session)
      await store().refreshTokens.create(refreshTokenRecord('rt_1', session))
      await store().refreshTokens.rotate('rt_1', {
        rotatedAt: NOW,
        successorBox: 'box',
        successor: refreshTokenRecord('rt_2', session),
        session: { last_active_at: NOW, expires_at: session.expires_at, active_organization_id: null },
        wipeSuccessorsRotatedBefore: NOW - GRACE,
      })
      // Inside the grace window plus the margin nothing goes.
      expect(await sweepStore(store(), CONFIG, NOW + GRACE + SWEEP_MARGIN_MS)).toEqual({
        sessions: 0,
        refreshTokens: 0,
        emailTokens: 0,
      })
      expect(await store().refreshTokens.getByHash('rt_1')).toMatchObject({ successor_box: null })
      expect(await sweepStore(store(), CONFIG, NOW + GRACE + SWEEP_MARGIN_MS + 1)).toEqual({
        sessions: 0,
        refreshTokens: 1,
        emailTokens: 0,
      })
      expect(await held(store(), 'rt_1', 'rt_2')).toEqual(['rt_2'])
      expect(await store().sessions.get('sess_1')).toEqual(session)
    })

    test('a sweep running while 20 sessions rotate loses nothing live', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => i)
      await createUsers(store(), 'usr_1')
      for (const i of ids) {
        const session = familySession(`sess_${i}`, 'usr_1')
        await store().sessions.create(session)
        // Each session has a token rotated long ago (the sweep's to delete) and a current one.
        await store().refreshTokens.create(refreshTokenRecord(`rt_${i}_old`, session, { rotated_at: NOW - DAY }))
        await store().refreshTokens.create(refreshTokenRecord(`rt_${i}`, session))
      }
      const later = NOW + MINUTE
      const rotations = ids.map((i) =>
        store().refreshTokens.rotate(`rt_${i}`, {
          rotatedAt: later,
          successorBox: 'box',
          successor: refreshTokenRecord(`rt_${i}_next`, sessionRecord(`sess_${i}`, 'usr_1'), { created_at: later }),
          session: { last_active_at: later, expires_at: NOW + 31 * DAY, active_organization_id: null },
          wipeSuccessorsRotatedBefore: later - GRACE - 1,
        }),
      )
      const sweeps = [sweepStore(store(), CONFIG, later), sweepStore(store(), CONFIG, later)]
      expect(await Promise.all(rotations)).toEqual(ids.map(() => true))
      await Promise.all(sweeps)
      const current = ids.flatMap((i) => [`rt_${i}`, `rt_${i}_next`])
      // The rotated-just-now tokens (inside their window) and every successor are there; the old ones are gone.
      expect(await held(store(), ...current)).toEqual(current)
      expect(await held(store(), ...ids.map((i) => `rt_${i}_old`))).toEqual([])
      expect(await store().sessions.listByUser('usr_1')).toHaveLength(20)
      for (const i of ids) {
        expect(await store().sessions.get(`sess_${i}`)).toMatchObject({ expires_at: NOW + 31 * DAY })
      }
    })
  })
}
