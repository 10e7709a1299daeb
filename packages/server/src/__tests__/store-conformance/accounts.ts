// Conformance: users, email tokens and signing keys.
import { describe, expect, test } from 'vitest'
import { generateSigningKey, UniqueConstraintError, type PlintoStore } from '../../index'
import { createUsers, emailTokenRecord, NOW, race, userRecord } from './records'

export function accountsConformance(store: () => PlintoStore): void {
  describe('users', () => {
    test('create, get by id, normalised email and normalised username; unknown ones are undefined', async () => {
      const ada = userRecord('usr_ada', {
        email: 'Ada.Lovelace@Example.com',
        username: 'Ada',
        username_normalized: 'ada',
        first_name: 'Ada',
      })
      await store().users.create(ada)
      expect(await store().users.get('usr_ada')).toEqual(ada)
      expect(await store().users.getByEmail('ada.lovelace@example.com')).toEqual(ada)
      expect(await store().users.getByUsername('ada')).toEqual(ada)
      expect(await store().users.get('usr_nobody')).toBeUndefined()
      expect(await store().users.getByEmail('nobody@example.com')).toBeUndefined()
      expect(await store().users.getByUsername('nobody')).toBeUndefined()
    })

    test('a taken email (whatever its case) or username is a UniqueConstraintError naming the field', async () => {
      await store().users.create(
        userRecord('usr_1', { email: 'ada@example.com', username: 'ada', username_normalized: 'ada' }),
      )
      const email = await store()
        .users.create(userRecord('usr_2', { email: 'ADA@Example.COM' }))
        .catch((e: unknown) => e)
      expect(email).toBeInstanceOf(UniqueConstraintError)
      expect((email as UniqueConstraintError).field).toBe('email')
      const username = await store()
        .users.create(userRecord('usr_3', { username: 'ADA', username_normalized: 'ada' }))
        .catch((e: unknown) => e)
      expect((username as UniqueConstraintError).field).toBe('username')
      // Neither failed write left anything behind.
      expect(await store().users.get('usr_2')).toBeUndefined()
      expect(await store().users.get('usr_3')).toBeUndefined()
    })

    test('many users may have no username', async () => {
      await createUsers(store(), 'usr_1', 'usr_2', 'usr_3')
      expect(await store().users.get('usr_3')).toMatchObject({ username: null })
    })

    test('update applies a patch, keeps the id, enforces uniqueness and answers undefined for an unknown user', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      const updated = await store().users.update('usr_1', {
        first_name: 'Ada',
        email_verified: true,
        last_sign_in_at: NOW + 5,
        updated_at: NOW + 5,
      })
      expect(updated).toEqual({
        ...userRecord('usr_1'),
        first_name: 'Ada',
        email_verified: true,
        last_sign_in_at: NOW + 5,
        updated_at: NOW + 5,
      })
      expect(await store().users.get('usr_1')).toEqual(updated)
      expect(await store().users.update('usr_1', { last_sign_in_at: null })).toMatchObject({ last_sign_in_at: null })
      expect(await store().users.update('usr_1', {})).toMatchObject({ id: 'usr_1', first_name: 'Ada' })

      const taken = await store()
        .users.update('usr_2', { email: 'usr_1@example.com', email_normalized: 'usr_1@example.com' })
        .catch((e: unknown) => e)
      expect((taken as UniqueConstraintError).field).toBe('email')
      await store().users.update('usr_1', { username: 'Ada', username_normalized: 'ada' })
      const takenName = await store()
        .users.update('usr_2', { username: 'ada', username_normalized: 'ada' })
        .catch((e: unknown) => e)
      expect((takenName as UniqueConstraintError).field).toBe('username')
      expect(await store().users.get('usr_2')).toEqual(userRecord('usr_2'))
      // A user may "change" to its own email and username.
      expect(
        await store().users.update('usr_1', { email_normalized: 'usr_1@example.com', username_normalized: 'ada' }),
      ).toBeDefined()

      expect(await store().users.update('usr_nobody', { first_name: 'X' })).toBeUndefined()
    })

    test('delete answers whether the user existed; the email is free again', async () => {
      await createUsers(store(), 'usr_1')
      expect(await store().users.delete('usr_1')).toBe(true)
      expect(await store().users.delete('usr_1')).toBe(false)
      expect(await store().users.getByEmail('usr_1@example.com')).toBeUndefined()
      await store().users.create(userRecord('usr_again', { email: 'usr_1@example.com' }))
      expect(await store().users.getByEmail('usr_1@example.com')).toMatchObject({ id: 'usr_again' })
    })
  })

  describe('email tokens', () => {
    test('consume returns the token once, only for its purpose and only before it expires', async () => {
      await createUsers(store(), 'usr_1')
      const token = emailTokenRecord('h1', 'usr_1', { email: 'First@Example.com' })
      await store().emailTokens.create(token)
      expect(await store().emailTokens.consume('h1', 'reset_password', NOW)).toBeUndefined()
      expect(await store().emailTokens.consume('h1', 'verify_email', NOW)).toEqual(token)
      expect(await store().emailTokens.consume('h1', 'verify_email', NOW)).toBeUndefined()
      expect(await store().emailTokens.consume('unknown', 'verify_email', NOW)).toBeUndefined()

      // An expired token is refused, and gone: it cannot be consumed later with an earlier clock either.
      await store().emailTokens.create(emailTokenRecord('h2', 'usr_1', { expires_at: NOW + 1000 }))
      expect(await store().emailTokens.consume('h2', 'verify_email', NOW + 1000)).toBeUndefined()
      expect(await store().emailTokens.consume('h2', 'verify_email', NOW)).toBeUndefined()
    })

    test('a new token replaces the unused ones of the same user and purpose, not others', async () => {
      await createUsers(store(), 'usr_1', 'usr_2')
      await store().emailTokens.create(emailTokenRecord('old', 'usr_1'))
      await store().emailTokens.create(emailTokenRecord('reset', 'usr_1', { purpose: 'reset_password' }))
      await store().emailTokens.create(emailTokenRecord('other_user', 'usr_2'))
      await store().emailTokens.create(emailTokenRecord('new', 'usr_1'))
      expect(await store().emailTokens.consume('old', 'verify_email', NOW)).toBeUndefined()
      expect(await store().emailTokens.consume('new', 'verify_email', NOW)).toBeDefined()
      expect(await store().emailTokens.consume('reset', 'reset_password', NOW)).toBeDefined()
      expect(await store().emailTokens.consume('other_user', 'verify_email', NOW)).toBeDefined()
    })

    test('deleteByUser removes one purpose of one user', async () => {
      await createUsers(store(), 'usr_1')
      await store().emailTokens.create(emailTokenRecord('link', 'usr_1', { purpose: 'magic_link' }))
      await store().emailTokens.create(emailTokenRecord('verify', 'usr_1'))
      await store().emailTokens.deleteByUser('usr_1', 'magic_link')
      expect(await store().emailTokens.consume('link', 'magic_link', NOW)).toBeUndefined()
      expect(await store().emailTokens.consume('verify', 'verify_email', NOW)).toBeDefined()
    })

    test('20 concurrent new links for one user and purpose: exactly one survives', async () => {
      await createUsers(store(), 'usr_1')
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store().emailTokens.create(emailTokenRecord(`h${i}`, 'usr_1', { purpose: 'reset_password' })),
        ),
      )
      const left = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store().emailTokens.consume(`h${i}`, 'reset_password', NOW)),
      )
      expect(left.filter((token) => token !== undefined)).toHaveLength(1)
    })

    test('20 concurrent consumers: exactly one gets the token', async () => {
      await createUsers(store(), 'usr_1')
      await store().emailTokens.create(emailTokenRecord('h', 'usr_1', { purpose: 'magic_link' }))
      expect(
        await race(
          () => store().emailTokens.consume('h', 'magic_link', NOW),
          (r) => r !== undefined,
        ),
      ).toBe(1)
    })
  })

  describe('signing keys', () => {
    test('list is empty at first, then newest first, with the JWKs as they were added', async () => {
      expect(await store().signingKeys.list()).toEqual([])
      const first = await generateSigningKey(NOW)
      const second = await generateSigningKey(NOW + 1)
      await store().signingKeys.add(first)
      await store().signingKeys.add(second)
      expect(await store().signingKeys.list()).toEqual([second, first])
    })

    test('addIfNone: of five concurrent callers on an empty store one key is stored, and all five get it', async () => {
      const keys = await Promise.all(Array.from({ length: 5 }, (_, i) => generateSigningKey(NOW + i)))
      const answers = await Promise.all(keys.map((key) => store().signingKeys.addIfNone(key)))
      const stored = await store().signingKeys.list()
      expect(stored).toHaveLength(1)
      expect(keys.map((key) => key.kid)).toContain(stored[0]!.kid)
      for (const answer of answers) expect(answer).toEqual(stored)
      // With a key present it adds nothing and answers what is there.
      expect(await store().signingKeys.addIfNone(await generateSigningKey(NOW + 9))).toEqual(stored)
    })
  })
}
