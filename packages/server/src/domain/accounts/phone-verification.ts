// The account's phone number as a verified attribute (CONTRACT.md § Users, "Phone number"): set it, prove it
// with a texted code, remove it. Separate from SMS as a second factor (domain/mfa), whose delivery it shares:
// the same 6-digit codes, the same `smsCode` message through `context.send` (the dev outbox in development).
import type { PhoneVerificationStarted, User } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { constantTimeEqual, sha256 } from '../../crypto/hash'
import { ApiError, errors } from '../../errors'
import { smsCode } from '../../mail/templates'
import type { UserRecord } from '../../store/types'
import { withWebhookEvents } from '../../webhooks/webhook-events'
import { randomDigits } from '../mfa/mfa'
import { toWireUser } from './user-wire'

/** Life of a phone verification code. */
export const PHONE_CODE_TTL_MS = 10 * 60_000
/** Checks one code gets (right or wrong); then only a new code helps. */
export const PHONE_CODE_MAX_ATTEMPTS = 5

/**
 * Budgets of `POST /users/me/phone`, counted in the store (`store.rateLimits.hit`), so every instance on one
 * store shares them: a short cooldown between two codes of one account, an hourly cap per account, and an
 * hourly cap per number across accounts (no account can be used to flood someone else's phone).
 */
export const PHONE_SEND_LIMITS = {
  cooldown: { limit: 1, windowSeconds: 30 },
  account: { limit: 5, windowSeconds: 60 * 60 },
  number: { limit: 5, windowSeconds: 60 * 60 },
} as const

const CHALLENGE_KIND = 'phone_code'

/**
 * Sets the signed-in user's phone number and texts it a code. A number other than the current one replaces it
 * un-verified (announced as `user.updated`); the current number again is a resend. Either way the new code
 * replaces any earlier one. 422 on `phone_number` when that number is already verified; 429 `RATE_LIMITED`
 * (with `retryAfter`) past a send budget, before anything is changed.
 *
 * @example
 * ```ts
 * const started = await startPhoneVerification(c.var.server, c.var.user, '+14155550123')
 * ```
 */
export async function startPhoneVerification(
  context: ServerContext,
  user: UserRecord,
  phoneNumber: string,
): Promise<PhoneVerificationStarted> {
  if (user.phone_number === phoneNumber && user.phone_verified) {
    throw errors.validation('This phone number is already verified', [
      { field: 'phone_number', message: 'This phone number is already verified' },
    ])
  }
  await limitSends(context, user.id, phoneNumber)
  const code = randomDigits()
  const codeHash = await phoneCodeHash(user.id, phoneNumber, code)
  const now = context.clock.now()
  const current = await withWebhookEvents(context, async (tx, events) => {
    let next = user
    if (user.phone_number !== phoneNumber) {
      next =
        (await tx.users.update(user.id, { phone_number: phoneNumber, phone_verified: false, updated_at: now })) ?? user
      events.add('user.updated', { user: toWireUser(next) })
    }
    // Keyed by user: a new code (for this number or another) replaces the pending one and its attempts.
    await tx.challenges.create({
      key: user.id,
      kind: CHALLENGE_KIND,
      user_id: user.id,
      data: { code_hash: codeHash, phone_number: phoneNumber },
      attempts: 0,
      created_at: now,
      expires_at: now + PHONE_CODE_TTL_MS,
    })
    return next
  })
  context.send(smsCode(phoneNumber, code, 'verify_phone'))
  return {
    user: toWireUser(current),
    expires_in: PHONE_CODE_TTL_MS / 1000,
    resend_in: PHONE_SEND_LIMITS.cooldown.windowSeconds,
  }
}

/**
 * Confirms the pending code: the number it was texted to becomes verified (`user.updated`), if the account still
 * has that number. The attempt is counted in the store before the code is compared (N concurrent guesses get at
 * most {@link PHONE_CODE_MAX_ATTEMPTS} comparisons) and a right code is consumed atomically (of concurrent
 * right answers, one verifies). 400 `INVALID_PHONE_CODE`, `PHONE_CODE_EXPIRED` (also: none pending, or the number
 * changed) or `PHONE_CODE_ATTEMPTS_EXCEEDED`.
 *
 * @example
 * ```ts
 * const user = await verifyPhoneCode(c.var.server, c.var.user, '123456')
 * ```
 */
export async function verifyPhoneCode(context: ServerContext, user: UserRecord, code: string): Promise<User> {
  const now = context.clock.now()
  const pending = await context.store.challenges.claimAttempt(user.id, CHALLENGE_KIND, PHONE_CODE_MAX_ATTEMPTS, now)
  if (!pending) {
    // Out of attempts keeps the record until it expires, so that it answers the same until then.
    if (await context.store.challenges.get(user.id, CHALLENGE_KIND, now)) throw attemptsExceeded()
    throw codeExpired()
  }
  const phoneNumber = String(pending.data.phone_number)
  const expected = pending.data.code_hash
  const given = await phoneCodeHash(user.id, phoneNumber, code.trim())
  if (typeof expected !== 'string' || !constantTimeEqual(expected, given)) throw invalidCode()
  // A concurrent right answer (or a new code) took it first: this one verifies nothing.
  if (!(await context.store.challenges.consume(user.id, CHALLENGE_KIND, now))) throw codeExpired()
  const verified = await withWebhookEvents(context, async (tx, events) => {
    const updated = await tx.users.markPhoneVerified(user.id, phoneNumber, now)
    if (updated) events.add('user.updated', { user: toWireUser(updated) })
    return updated
  })
  if (!verified) throw codeExpired()
  return toWireUser(verified)
}

/**
 * Removes the signed-in user's phone number (and a pending code); `user.updated` when there was one. The SMS
 * second factor keeps its own number.
 *
 * @example
 * ```ts
 * const user = await removePhoneNumber(c.var.server, c.var.user)
 * ```
 */
export async function removePhoneNumber(context: ServerContext, user: UserRecord): Promise<User> {
  const now = context.clock.now()
  const updated = await withWebhookEvents(context, async (tx, events) => {
    await tx.challenges.consume(user.id, CHALLENGE_KIND, now)
    if (user.phone_number === null) return user
    const next = await tx.users.update(user.id, { phone_number: null, phone_verified: false, updated_at: now })
    if (next) events.add('user.updated', { user: toWireUser(next) })
    return next ?? user
  })
  return toWireUser(updated)
}

/**
 * The stored form of a code: SHA-256 over the code, the user and the number it was texted to, so a stored hash
 * is worth nothing for another account or number. A 6-digit code has too little entropy for any hash to hide it
 * from someone who reads the store; what protects it is its 10-minute life and the 5 attempts.
 */
function phoneCodeHash(userId: string, phoneNumber: string, code: string): Promise<string> {
  return sha256(`plinto-phone-code:${userId}:${phoneNumber}:${code}`)
}

/** Counts one send against each budget, in order; 429 with the wait of the first budget that is used up. */
async function limitSends(context: ServerContext, userId: string, phoneNumber: string): Promise<void> {
  const now = context.clock.now()
  // The number is hashed in the key: rate-limit rows are not a place for personal data.
  const budgets = [
    [`phone-send:cooldown:${userId}`, PHONE_SEND_LIMITS.cooldown],
    [`phone-send:account:${userId}`, PHONE_SEND_LIMITS.account],
    [`phone-send:number:${await sha256(phoneNumber)}`, PHONE_SEND_LIMITS.number],
  ] as const
  for (const [key, { limit, windowSeconds }] of budgets) {
    const hit = await context.store.rateLimits.hit(key, limit, windowSeconds * 1000, now)
    if (!hit.allowed) {
      const retryAfter = Math.max(1, Math.ceil((hit.reset_at - now) / 1000))
      throw new ApiError(429, 'RATE_LIMITED', `Too many codes requested. Try again in ${retryAfter} seconds.`, {
        retryAfter,
      })
    }
  }
}

function invalidCode(): ApiError {
  return new ApiError(400, 'INVALID_PHONE_CODE', 'The code is incorrect')
}

function codeExpired(): ApiError {
  return new ApiError(400, 'PHONE_CODE_EXPIRED', 'The code has expired or was replaced; request a new one')
}

function attemptsExceeded(): ApiError {
  return new ApiError(400, 'PHONE_CODE_ATTEMPTS_EXCEEDED', 'Too many wrong codes; request a new one')
}
