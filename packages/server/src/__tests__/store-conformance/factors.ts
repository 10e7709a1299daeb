// Conformance: MFA settings, challenges, passkeys and OAuth account links.
import { describe, expect, test } from 'vitest'
import { UniqueConstraintError, type PlintoStore } from '../../index'
import { challengeRecord, createUsers, mfaRecord, NOW, oauthAccountRecord, passkeyRecord, race } from './records'

const MINUTE = 60_000

export function factorsConformance(store: () => PlintoStore): void {
  describe('MFA settings', () => {
    test('put, get, replace, delete', async () => {
      await createUsers(store(), 'usr_1')
      expect(await store().mfa.get('usr_1')).toBeUndefined()
      const record = mfaRecord('usr_1', {
        totp_enabled: false,
        pending_backup_code_hashes: ['p1', 'p2'],
        sms_phone: '+15550100',
      })
      await store().mfa.put(record)
      expect(await store().mfa.get('usr_1')).toEqual(record)
      const replaced = mfaRecord('usr_1', {
        totp_secret: null,
        backup_code_hashes: [],
        totp_last_step: 42,
        updated_at: NOW + 1,
      })
      await store().mfa.put(replaced)
      expect(await store().mfa.get('usr_1')).toEqual(replaced)
      await store().mfa.delete('usr_1')
      expect(await store().mfa.get('usr_1')).toBeUndefined()
      await store().mfa.delete('usr_1')
    })

    test('claimTotpStep accepts only steps later than the last one; concurrent claims of one step: one wins', async () => {
      await createUsers(store(), 'usr_1')
      expect(await store().mfa.claimTotpStep('usr_1', 100)).toBe(false)
      await store().mfa.put(mfaRecord('usr_1'))
      expect(await store().mfa.claimTotpStep('usr_1', 100)).toBe(true)
      expect(await store().mfa.claimTotpStep('usr_1', 100)).toBe(false)
      expect(await store().mfa.claimTotpStep('usr_1', 99)).toBe(false)
      expect(
        await race(
          () => store().mfa.claimTotpStep('usr_1', 101),
          (won) => won,
        ),
      ).toBe(1)
      expect(await store().mfa.get('usr_1')).toMatchObject({ totp_last_step: 101 })
    })

    test('consumeBackupCode removes one code once, keeping the others in order', async () => {
      await createUsers(store(), 'usr_1')
      expect(await store().mfa.consumeBackupCode('usr_1', 'code_a')).toBe(false)
      await store().mfa.put(mfaRecord('usr_1'))
      expect(await store().mfa.consumeBackupCode('usr_1', 'code_b')).toBe(true)
      expect(await store().mfa.consumeBackupCode('usr_1', 'code_b')).toBe(false)
      expect(await store().mfa.consumeBackupCode('usr_1', 'code_unknown')).toBe(false)
      expect(await store().mfa.get('usr_1')).toMatchObject({ backup_code_hashes: ['code_a', 'code_c'] })
      expect(
        await race(
          () => store().mfa.consumeBackupCode('usr_1', 'code_c'),
          (won) => won,
        ),
      ).toBe(1)
      expect(await store().mfa.consumeBackupCode('usr_1', 'code_a')).toBe(true)
      expect(await store().mfa.get('usr_1')).toMatchObject({ backup_code_hashes: [] })
    })
  })

  describe('challenges', () => {
    test('create (replacing the same key and kind), get until expiry, kinds kept apart', async () => {
      await createUsers(store(), 'usr_1')
      const challenge = challengeRecord('k1', { user_id: 'usr_1' })
      await store().challenges.create(challenge)
      await store().challenges.create(challengeRecord('k1', { kind: 'sms_code', data: { code_hash: 'x' } }))
      expect(await store().challenges.get('k1', 'mfa_token', NOW)).toEqual(challenge)
      expect(await store().challenges.get('k1', 'sms_code', NOW)).toMatchObject({ data: { code_hash: 'x' } })
      expect(await store().challenges.get('k1', 'mfa_token', challenge.expires_at)).toBeUndefined()
      expect(await store().challenges.get('k1', 'oauth_state', NOW)).toBeUndefined()

      const replacement = challengeRecord('k1', {
        user_id: null,
        data: { redirect_uri: 'https://app.example.com' },
        attempts: 2,
        expires_at: NOW + 1,
      })
      await store().challenges.create(replacement)
      expect(await store().challenges.get('k1', 'mfa_token', NOW)).toEqual(replacement)
    })

    test('consume takes a challenge once; an expired one is refused and gone', async () => {
      await store().challenges.create(challengeRecord('k1', { kind: 'webauthn_authentication' }))
      await store().challenges.create(challengeRecord('k2', { kind: 'oauth_code', expires_at: NOW + 10 }))
      expect(await store().challenges.consume('k1', 'mfa_token', NOW)).toBeUndefined()
      expect(await store().challenges.consume('k1', 'webauthn_authentication', NOW)).toMatchObject({ key: 'k1' })
      expect(await store().challenges.consume('k1', 'webauthn_authentication', NOW)).toBeUndefined()
      expect(await store().challenges.consume('k2', 'oauth_code', NOW + 10)).toBeUndefined()
      expect(await store().challenges.consume('k2', 'oauth_code', NOW)).toBeUndefined()
    })

    test('20 concurrent consumers: exactly one gets the challenge', async () => {
      await store().challenges.create(challengeRecord('k1', { kind: 'oauth_state' }))
      expect(
        await race(
          () => store().challenges.consume('k1', 'oauth_state', NOW),
          (r) => r !== undefined,
        ),
      ).toBe(1)
    })

    test('recordFailure counts wrong answers and deletes the challenge at the limit', async () => {
      await store().challenges.create(challengeRecord('k1'))
      expect(await store().challenges.recordFailure('k1', 'mfa_token', 3)).toBe(2)
      expect(await store().challenges.get('k1', 'mfa_token', NOW)).toMatchObject({ attempts: 1 })
      expect(await store().challenges.recordFailure('k1', 'mfa_token', 3)).toBe(1)
      expect(await store().challenges.recordFailure('k1', 'mfa_token', 3)).toBe(0)
      expect(await store().challenges.get('k1', 'mfa_token', NOW)).toBeUndefined()
      expect(await store().challenges.recordFailure('k1', 'mfa_token', 3)).toBe(0)

      // Concurrent failures each count: five wrong answers at once end a five-attempt challenge.
      await store().challenges.create(challengeRecord('k2'))
      const left = await Promise.all(
        Array.from({ length: 5 }, () => store().challenges.recordFailure('k2', 'mfa_token', 5)),
      )
      expect(left.sort()).toEqual([0, 1, 2, 3, 4])
      expect(await store().challenges.get('k2', 'mfa_token', NOW)).toBeUndefined()
    })

    test('claimAttempt counts an attempt before it is checked, up to the limit, on live challenges only', async () => {
      await store().challenges.create(challengeRecord('k1'))
      const first = await store().challenges.claimAttempt('k1', 'mfa_token', 3, NOW)
      expect(first).toEqual({ ...challengeRecord('k1'), attempts: 1 })
      expect((await store().challenges.claimAttempt('k1', 'mfa_token', 3, NOW))?.attempts).toBe(2)
      expect((await store().challenges.claimAttempt('k1', 'mfa_token', 3, NOW))?.attempts).toBe(3)
      expect(await store().challenges.claimAttempt('k1', 'mfa_token', 3, NOW)).toBeUndefined()
      expect(await store().challenges.get('k1', 'mfa_token', NOW)).toMatchObject({ attempts: 3 })

      expect(await store().challenges.claimAttempt('nope', 'mfa_token', 3, NOW)).toBeUndefined()
      await store().challenges.create(challengeRecord('k2', { expires_at: NOW }))
      expect(await store().challenges.claimAttempt('k2', 'mfa_token', 3, NOW)).toBeUndefined()
      // The kind is part of the key.
      await store().challenges.create(challengeRecord('k3', { kind: 'sms_code' }))
      expect(await store().challenges.claimAttempt('k3', 'mfa_token', 3, NOW)).toBeUndefined()
      expect((await store().challenges.claimAttempt('k3', 'sms_code', 3, NOW))?.attempts).toBe(1)
    })

    test('30 concurrent attempts on a five-attempt challenge: exactly 5 may be checked', async () => {
      await store().challenges.create(challengeRecord('k1'))
      const claimed = await Promise.all(
        Array.from({ length: 30 }, () => store().challenges.claimAttempt('k1', 'mfa_token', 5, NOW)),
      )
      const granted = claimed.filter((c) => c !== undefined)
      expect(granted.map((c) => c.attempts).sort()).toEqual([1, 2, 3, 4, 5])
      expect(await store().challenges.get('k1', 'mfa_token', NOW)).toMatchObject({ attempts: 5 })
    })

    test('claimWindowAttempt counts attempts in a window up to the limit; a new window starts at 1', async () => {
      const budget = challengeRecord('w1', { kind: 'mfa_failures', data: {}, expires_at: NOW + MINUTE })
      expect(await store().challenges.claimWindowAttempt(budget, 2, NOW)).toEqual({
        allowed: true,
        attempts: 1,
        expires_at: NOW + MINUTE,
      })
      // A later call's own window end does not move the live window.
      const later = { ...budget, expires_at: NOW + 2 * MINUTE }
      expect(await store().challenges.claimWindowAttempt(later, 2, NOW + 1)).toEqual({
        allowed: true,
        attempts: 2,
        expires_at: NOW + MINUTE,
      })
      expect(await store().challenges.claimWindowAttempt(later, 2, NOW + 2)).toEqual({
        allowed: false,
        attempts: 2,
        expires_at: NOW + MINUTE,
      })
      // releaseAttempt gives one back, only for the same window.
      await store().challenges.releaseAttempt('w1', 'mfa_failures', NOW + MINUTE + 1)
      expect(await store().challenges.get('w1', 'mfa_failures', NOW)).toMatchObject({ attempts: 2 })
      await store().challenges.releaseAttempt('w1', 'mfa_failures', NOW + MINUTE)
      expect(await store().challenges.get('w1', 'mfa_failures', NOW)).toMatchObject({ attempts: 1 })
      await store().challenges.releaseAttempt('nope', 'mfa_failures', NOW + MINUTE)
      // Once the window has ended, the next attempt opens a new one.
      const next = { ...budget, expires_at: NOW + 3 * MINUTE }
      expect(await store().challenges.claimWindowAttempt(next, 2, NOW + MINUTE)).toEqual({
        allowed: true,
        attempts: 1,
        expires_at: NOW + 3 * MINUTE,
      })
    })

    test('30 concurrent attempts on a ten-attempt window (none stored yet): exactly 10 are allowed', async () => {
      const budget = challengeRecord('w2', { kind: 'mfa_failures', data: {}, expires_at: NOW + MINUTE })
      const claims = await Promise.all(
        Array.from({ length: 30 }, () => store().challenges.claimWindowAttempt(budget, 10, NOW)),
      )
      const allowed = claims.filter((c) => c.allowed)
      expect(allowed.map((c) => c.attempts).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(claims.filter((c) => !c.allowed).every((c) => c.attempts === 10 && c.expires_at === NOW + MINUTE)).toBe(
        true,
      )
    })

    test('deleteExpired drops challenges whose expiry has come', async () => {
      await store().challenges.create(challengeRecord('old', { expires_at: NOW }))
      await store().challenges.create(challengeRecord('live', { expires_at: NOW + 1 }))
      await store().challenges.deleteExpired(NOW)
      expect(await store().challenges.consume('old', 'mfa_token', NOW - 1)).toBeUndefined()
      expect(await store().challenges.get('live', 'mfa_token', NOW)).toBeDefined()
    })
  })

  describe('passkeys', () => {
    test('create, get, getByCredentialId, listByUser in registration order, update, delete', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      for (const id of ['pk_z', 'pk_x', 'pk_y']) await store().passkeys.create(passkeyRecord(id, 'usr_1'))
      await store().passkeys.create(passkeyRecord('pk_other', 'usr_2'))
      expect(await store().passkeys.get('pk_x')).toEqual(passkeyRecord('pk_x', 'usr_1'))
      expect(await store().passkeys.getByCredentialId('cred_pk_y')).toEqual(passkeyRecord('pk_y', 'usr_1'))
      expect(await store().passkeys.getByCredentialId('cred_unknown')).toBeUndefined()
      expect((await store().passkeys.listByUser('usr_1')).map((p) => p.id)).toEqual(['pk_z', 'pk_x', 'pk_y'])

      expect(await store().passkeys.update('pk_x', { name: 'YubiKey', backed_up: false })).toEqual({
        ...passkeyRecord('pk_x', 'usr_1'),
        name: 'YubiKey',
        backed_up: false,
      })
      expect(await store().passkeys.update('pk_unknown', { name: 'x' })).toBeUndefined()
      expect(await store().passkeys.delete('pk_x')).toBe(true)
      expect(await store().passkeys.delete('pk_x')).toBe(false)
      expect((await store().passkeys.listByUser('usr_1')).map((p) => p.id)).toEqual(['pk_z', 'pk_y'])
    })

    test('a registered credential ID is a UniqueConstraintError', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().passkeys.create(passkeyRecord('pk_1', 'usr_1', { credential_id: 'same' }))
      const error = await store()
        .passkeys.create(passkeyRecord('pk_2', 'usr_2', { credential_id: 'same' }))
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UniqueConstraintError)
      expect((error as UniqueConstraintError).field).toBe('credential_id')
      expect(await store().passkeys.get('pk_2')).toBeUndefined()
    })

    test('recordUse is a compare-and-set on the counter: of 20 concurrent assertions one passes', async () => {
      await createUsers(store(), 'usr_1')
      await store().passkeys.create(passkeyRecord('pk_1', 'usr_1', { counter: 7 }))
      expect(await store().passkeys.recordUse('pk_1', 6, 8, NOW, true)).toBe(false)
      expect(
        await race(
          () => store().passkeys.recordUse('pk_1', 7, 8, NOW + 1, false),
          (won) => won,
        ),
      ).toBe(1)
      expect(await store().passkeys.get('pk_1')).toMatchObject({ counter: 8, last_used_at: NOW + 1, backed_up: false })
      // Counters are unsigned 32-bit values.
      expect(await store().passkeys.recordUse('pk_1', 8, 4_294_967_295, NOW + 2, true)).toBe(true)
      expect(await store().passkeys.get('pk_1')).toMatchObject({ counter: 4_294_967_295 })
    })
  })

  describe('OAuth accounts', () => {
    test('create, get, listByUser in link order; a linked provider account is a UniqueConstraintError', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      const github = oauthAccountRecord('idn_1', 'usr_1', { provider_user_id: '583231', email: 'ada@example.com' })
      await store().oauthAccounts.create(github)
      await store().oauthAccounts.create({
        ...github,
        id: 'idn_2',
        provider: 'dev',
        provider_user_id: 'dev_1',
        name: null,
      })
      await store().oauthAccounts.create({
        ...github,
        id: 'idn_3',
        provider: 'google',
        provider_user_id: '583231',
        user_id: 'usr_2',
      })
      expect(await store().oauthAccounts.get('github', '583231')).toEqual(github)
      expect((await store().oauthAccounts.listByUser('usr_1'))[1]).toMatchObject({ id: 'idn_2', name: null })
      expect(await store().oauthAccounts.get('github', 'unknown')).toBeUndefined()
      expect((await store().oauthAccounts.listByUser('usr_1')).map((a) => a.provider)).toEqual(['github', 'dev'])

      const error = await store()
        .oauthAccounts.create({ ...github, id: 'idn_4', user_id: 'usr_2' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UniqueConstraintError)
      expect((error as UniqueConstraintError).field).toBe('oauth_account')
    })

    test('concurrent links of one provider account to many users: exactly one wins, the others change nothing', async () => {
      const users = Array.from({ length: 20 }, (_, i) => `usr_${i}`)
      await createUsers(store(), ...users)
      let next = 0
      const wins = await race(
        () => {
          const i = next++
          return store()
            .oauthAccounts.create(oauthAccountRecord(`idn_${i}`, `usr_${i}`, { provider_user_id: 'same' }))
            .then(
              () => true,
              (error: unknown) => {
                if (!(error instanceof UniqueConstraintError)) throw error
                return false
              },
            )
        },
        (won) => won,
      )
      expect(wins).toBe(1)
      const owner = (await store().oauthAccounts.get('github', 'same'))?.user_id ?? ''
      for (const user of users)
        expect(await store().oauthAccounts.listByUser(user)).toHaveLength(user === owner ? 1 : 0)
    })

    test('deleteUnlessLast: removes a link while another method is left, refuses the last one and foreign ids', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().users.update('usr_1', { password_hash: null })
      await store().oauthAccounts.create(oauthAccountRecord('idn_a', 'usr_1'))
      await store().oauthAccounts.create(oauthAccountRecord('idn_b', 'usr_1', { provider: 'google' }))
      await store().oauthAccounts.create(oauthAccountRecord('idn_other', 'usr_2'))
      expect(await store().oauthAccounts.deleteUnlessLast('usr_1', 'idn_other')).toEqual({ refused: 'not_found' })
      expect(await store().oauthAccounts.deleteUnlessLast('usr_1', 'idn_unknown')).toEqual({ refused: 'not_found' })
      expect(await store().oauthAccounts.deleteUnlessLast('usr_gone', 'idn_a')).toEqual({ refused: 'not_found' })
      expect(await store().oauthAccounts.deleteUnlessLast('usr_1', 'idn_a')).toEqual({
        deleted: oauthAccountRecord('idn_a', 'usr_1'),
      })
      expect(await store().oauthAccounts.deleteUnlessLast('usr_1', 'idn_b')).toEqual({ refused: 'last_method' })
      expect((await store().oauthAccounts.listByUser('usr_1')).map((a) => a.id)).toEqual(['idn_b'])
      // A passkey, or a password, is another way in.
      await store().passkeys.create(passkeyRecord('pk_1', 'usr_1'))
      expect(await store().oauthAccounts.deleteUnlessLast('usr_1', 'idn_b')).toMatchObject({ deleted: { id: 'idn_b' } })
      // usr_2 has a password: its only identity can go.
      expect(await store().oauthAccounts.deleteUnlessLast('usr_2', 'idn_other')).toMatchObject({
        deleted: { id: 'idn_other' },
      })
      expect(await store().oauthAccounts.get('github', 'gh_idn_other')).toBeUndefined()
    })

    test('concurrent unlinks of the last two methods: exactly one succeeds and one method is left', async () => {
      await createUsers(store(), 'usr_1')
      await store().users.update('usr_1', { password_hash: null })
      // Several rounds: each starts from two identities and ends with one, whatever the interleaving.
      for (let round = 0; round < 5; round++) {
        const [left] = await store().oauthAccounts.listByUser('usr_1')
        const first = left?.id ?? `idn_${round}_a`
        const ids = [first, `idn_${round}_b`]
        if (!left) await store().oauthAccounts.create(oauthAccountRecord(first, 'usr_1'))
        await store().oauthAccounts.create(
          oauthAccountRecord(`idn_${round}_b`, 'usr_1', { provider: 'google', provider_user_id: `r${round}` }),
        )
        let next = 0
        const outcomes: string[] = []
        const deleted = await race(
          async () => {
            const outcome = await store().oauthAccounts.deleteUnlessLast('usr_1', ids[next++ % 2] ?? '')
            outcomes.push('deleted' in outcome ? 'deleted' : outcome.refused)
            return outcome
          },
          (outcome) => 'deleted' in outcome,
          40,
        )
        expect(deleted).toBe(1)
        expect(outcomes).toContain('last_method')
        expect(await store().oauthAccounts.listByUser('usr_1')).toHaveLength(1)
      }
    })

    test('passkeys.deleteUnlessLast: a passkey is a method too; the last one of either kind stays', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().users.update('usr_1', { password_hash: null })
      await store().passkeys.create(passkeyRecord('pk_1', 'usr_1'))
      await store().passkeys.create(passkeyRecord('pk_2', 'usr_1'))
      await store().passkeys.create(passkeyRecord('pk_other', 'usr_2'))
      expect(await store().passkeys.deleteUnlessLast('usr_1', 'pk_other')).toBe('not_found')
      expect(await store().passkeys.deleteUnlessLast('usr_1', 'pk_unknown')).toBe('not_found')
      expect(await store().passkeys.deleteUnlessLast('usr_1', 'pk_1')).toBe('deleted')
      expect(await store().passkeys.deleteUnlessLast('usr_1', 'pk_2')).toBe('last_method')
      await store().oauthAccounts.create(oauthAccountRecord('idn_a', 'usr_1'))
      // With an identity left, the passkey can go; then the identity is the last method.
      expect(await store().passkeys.deleteUnlessLast('usr_1', 'pk_2')).toBe('deleted')
      expect(await store().oauthAccounts.deleteUnlessLast('usr_1', 'idn_a')).toEqual({ refused: 'last_method' })
      // usr_2 has a password.
      expect(await store().passkeys.deleteUnlessLast('usr_2', 'pk_other')).toBe('deleted')
    })

    test('concurrent removals of the last passkey and the last identity: exactly one succeeds', async () => {
      await createUsers(store(), 'usr_1')
      await store().users.update('usr_1', { password_hash: null })
      for (let round = 0; round < 5; round++) {
        // Each round starts from one passkey and one identity, whichever survived the round before.
        const passkeys = await store().passkeys.listByUser('usr_1')
        const identities = await store().oauthAccounts.listByUser('usr_1')
        const passkeyId = passkeys[0]?.id ?? `pk_${round}`
        const identityId = identities[0]?.id ?? `idn_${round}`
        if (!passkeys[0]) await store().passkeys.create(passkeyRecord(passkeyId, 'usr_1'))
        if (!identities[0]) await store().oauthAccounts.create(oauthAccountRecord(identityId, 'usr_1'))
        let next = 0
        const removed = await race(
          async () =>
            next++ % 2 === 0
              ? (await store().passkeys.deleteUnlessLast('usr_1', passkeyId)) === 'deleted'
              : 'deleted' in (await store().oauthAccounts.deleteUnlessLast('usr_1', identityId)),
          (done) => done,
          40,
        )
        expect(removed).toBe(1)
        const left =
          (await store().passkeys.listByUser('usr_1')).length + (await store().oauthAccounts.listByUser('usr_1')).length
        expect(left).toBe(1)
      }
    })
  })
}
