// Conformance: the account's phone number — its fields, the conditional `markPhoneVerified`, and the pending code
// (a `phone_code` challenge) under concurrent guesses and concurrent right answers.
import { describe, expect, test } from 'vitest'
import type { PlintoStore } from '../../index'
import { challengeRecord, createUsers, NOW, race, userRecord } from './records'

const MINUTE = 60_000
const ADA_PHONE = '+14155550123'
const OTHER_PHONE = '+442071838750'

const phoneCode = (userId: string, phone = ADA_PHONE) =>
  challengeRecord(userId, {
    kind: 'phone_code',
    user_id: userId,
    data: { code_hash: 'hash-of-the-code', phone_number: phone },
    expires_at: NOW + 10 * MINUTE,
  })

export function phoneConformance(store: () => PlintoStore): void {
  describe('phone number', () => {
    test('phone_number and phone_verified are stored, updated and read back', async () => {
      const ada = userRecord('usr_1', { phone_number: ADA_PHONE, phone_verified: true })
      await store().users.create(ada)
      expect(await store().users.get('usr_1')).toEqual(ada)
      expect(await store().users.getByEmail(ada.email_normalized)).toMatchObject({ phone_number: ADA_PHONE })
      const cleared = await store().users.update('usr_1', { phone_number: null, phone_verified: false })
      expect(cleared).toMatchObject({ phone_number: null, phone_verified: false })
      expect(await store().users.get('usr_1')).toEqual(cleared)
    })

    test('markPhoneVerified verifies only the number the account still has, and answers the updated user', async () => {
      await store().users.create(userRecord('usr_1', { phone_number: ADA_PHONE }))
      expect(await store().users.markPhoneVerified('usr_1', OTHER_PHONE, NOW + 1)).toBeUndefined()
      expect(await store().users.get('usr_1')).toMatchObject({ phone_verified: false, updated_at: NOW })
      expect(await store().users.markPhoneVerified('usr_nobody', ADA_PHONE, NOW + 1)).toBeUndefined()
      const verified = await store().users.markPhoneVerified('usr_1', ADA_PHONE, NOW + 2)
      expect(verified).toEqual(
        userRecord('usr_1', { phone_number: ADA_PHONE, phone_verified: true, updated_at: NOW + 2 }),
      )
      expect(await store().users.get('usr_1')).toEqual(verified)
      // An account without a number has nothing to verify.
      await createUsers(store(), 'usr_2')
      expect(await store().users.markPhoneVerified('usr_2', ADA_PHONE, NOW)).toBeUndefined()
    })

    test('a number changed while it is being verified never ends up verified', async () => {
      await store().users.create(userRecord('usr_1', { phone_number: ADA_PHONE }))
      for (let round = 0; round < 10; round++) {
        await store().users.update('usr_1', { phone_number: ADA_PHONE, phone_verified: false })
        await Promise.all([
          store().users.markPhoneVerified('usr_1', ADA_PHONE, NOW + round),
          store().users.update('usr_1', { phone_number: OTHER_PHONE, phone_verified: false }),
        ])
        // Whichever ran last, the other number is never the verified one.
        expect(await store().users.get('usr_1')).toMatchObject({ phone_number: OTHER_PHONE, phone_verified: false })
      }
    })

    test('30 concurrent guesses at a pending code with 5 attempts: exactly 5 are counted and may be checked', async () => {
      await createUsers(store(), 'usr_1')
      await store().challenges.create(phoneCode('usr_1'))
      const claimed = await Promise.all(
        Array.from({ length: 30 }, () => store().challenges.claimAttempt('usr_1', 'phone_code', 5, NOW)),
      )
      const granted = claimed.filter((c) => c !== undefined)
      expect(granted.map((c) => c.attempts).sort()).toEqual([1, 2, 3, 4, 5])
      expect(granted.every((c) => c.data.phone_number === ADA_PHONE)).toBe(true)
      // Used up, the code stays (so it answers "out of attempts") until it expires.
      expect(await store().challenges.get('usr_1', 'phone_code', NOW)).toMatchObject({ attempts: 5 })
      expect(await store().challenges.get('usr_1', 'phone_code', NOW + 10 * MINUTE)).toBeUndefined()
    })

    test('20 concurrent right answers: the code is consumed by exactly one, and verifies the number once', async () => {
      await store().users.create(userRecord('usr_1', { phone_number: ADA_PHONE }))
      await store().challenges.create(phoneCode('usr_1'))
      let verifications = 0
      const won = await race(
        async () => {
          const code = await store().challenges.consume('usr_1', 'phone_code', NOW)
          if (!code) return false
          if (await store().users.markPhoneVerified('usr_1', String(code.data.phone_number), NOW + 1)) verifications++
          return true
        },
        (consumed) => consumed,
      )
      expect(won).toBe(1)
      expect(verifications).toBe(1)
      expect(await store().users.get('usr_1')).toMatchObject({ phone_verified: true })
      expect(await store().challenges.get('usr_1', 'phone_code', NOW)).toBeUndefined()
    })

    test('a new code replaces the pending one with fresh attempts; an expired code cannot be claimed or consumed', async () => {
      await createUsers(store(), 'usr_1')
      await store().challenges.create(phoneCode('usr_1'))
      await store().challenges.claimAttempt('usr_1', 'phone_code', 5, NOW)
      await store().challenges.create(phoneCode('usr_1', OTHER_PHONE))
      expect(await store().challenges.get('usr_1', 'phone_code', NOW)).toMatchObject({
        attempts: 0,
        data: { phone_number: OTHER_PHONE },
      })
      const expiry = NOW + 10 * MINUTE
      expect(await store().challenges.claimAttempt('usr_1', 'phone_code', 5, expiry)).toBeUndefined()
      expect(await store().challenges.consume('usr_1', 'phone_code', expiry)).toBeUndefined()
    })

    test('deleting the user deletes its pending code', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().challenges.create(phoneCode('usr_1'))
      await store().challenges.create(phoneCode('usr_2'))
      await store().users.delete('usr_1')
      expect(await store().challenges.get('usr_1', 'phone_code', NOW)).toBeUndefined()
      expect(await store().challenges.get('usr_2', 'phone_code', NOW)).toBeDefined()
    })
  })
}
