// Emailed 6-digit one-time codes (docs/contract.md § Email codes): an alternative to the links for a person
// who reads the email on another device than the one signing in. One live code per email and purpose, kept
// as a short-lived challenge (kind `email_code`): a new send replaces it, its attempts are counted in the
// store before a code is checked (`claimAttempt`), and it is spent with an atomic `consume`.
import type { EmailCodePurpose } from '@plinto/contract'
import { constantTimeEqual, sha256 } from '../../crypto/hash'
import { randomToken } from '../../crypto/random'
import { errors } from '../../errors'
import { emailCodeEmail } from '../../mail/templates'
import type { ServerContext } from '../../server-context'
import type { ChallengeRecord, UserRecord } from '../../store/types'
import { randomDigits } from '../mfa/mfa'
import { normalizeEmail } from './user-wire'

/** How long a code works: long enough to switch to the mail app on a phone, short enough to be guessed never. */
export const EMAIL_CODE_TTL_MS = 10 * 60_000
/** Checks one code gets; the wrong code that uses the last one ends it (send a new one). */
export const EMAIL_CODE_MAX_ATTEMPTS = 5

const KIND = 'email_code'

/** The store key of the live code of one email and purpose: a new send replaces the previous one. */
function codeKey(purpose: EmailCodePurpose, emailNormalized: string): string {
  return `${purpose}:${emailNormalized}`
}

/**
 * The stored form of a code. A 6-digit code has only a million values, so a plain hash would not hide it from
 * someone reading the database: with a `secretKey` configured, the key is part of the hash (a reader of the
 * database alone cannot test codes); the per-code salt keeps equal codes from having equal hashes.
 */
async function hashCode(context: ServerContext, key: string, salt: string, code: string): Promise<string> {
  return sha256(`email-code:${context.config.secretKey ?? ''}:${key}:${salt}:${code}`)
}

/**
 * Sends a code to the account with this email, if one may receive it: for `sign_in` any account, for
 * `verify_email` an account whose address is not verified yet. Otherwise it stores a decoy under the same
 * key, whose code nobody knows and which can never sign in: the send's answer, and every later answer of
 * {@link verifyEmailCode} for that address (wrong code, attempts used up, expired), are the same whether or
 * not the account exists. Codes never create accounts (the rule of magic links).
 */
export async function sendEmailCode(context: ServerContext, email: string, purpose: EmailCodePurpose): Promise<void> {
  if (!context.config.emailCodes) throw errors.emailCodesDisabled()
  const emailNormalized = normalizeEmail(email)
  const user = await context.store.users.getByEmail(emailNormalized)
  const recipient = user && (purpose === 'sign_in' || !user.email_verified) ? user : undefined
  const key = codeKey(purpose, emailNormalized)
  const salt = randomToken(16)
  // The decoy's "code" is 256 random bits: no 6-digit answer can match it.
  const code = recipient ? randomDigits() : randomToken(32)
  const now = context.clock.now()
  await context.store.challenges.create({
    key,
    kind: KIND,
    user_id: recipient?.id ?? null,
    data: { code_hash: await hashCode(context, key, salt, code), salt, email: emailNormalized },
    attempts: 0,
    created_at: now,
    expires_at: now + EMAIL_CODE_TTL_MS,
  })
  if (recipient) context.send(emailCodeEmail(recipient.email, code, purpose))
}

/**
 * Spends a code: the account it was sent to, whose address now counts as verified (the person read the
 * mailbox). Refusals: 400 `INVALID_EMAIL_CODE` (wrong, attempts left), `EMAIL_CODE_ATTEMPTS_EXCEEDED` (the
 * wrong code that used the last attempt; the code is gone), `EMAIL_CODE_EXPIRED` (no live code: expired,
 * spent, replaced, used up, or never sent). N concurrent submissions get at most {@link EMAIL_CODE_MAX_ATTEMPTS}
 * checks and at most one success.
 */
export async function verifyEmailCode(
  context: ServerContext,
  email: string,
  code: string,
  purpose: EmailCodePurpose,
): Promise<UserRecord> {
  if (!context.config.emailCodes) throw errors.emailCodesDisabled()
  const key = codeKey(purpose, normalizeEmail(email))
  const now = context.clock.now()
  // Counted before the check, in one atomic step: concurrent guesses get at most five checks.
  const claimed = await context.store.challenges.claimAttempt(key, KIND, EMAIL_CODE_MAX_ATTEMPTS, now)
  if (!claimed) throw errors.emailCodeExpired()
  const typed = code.replace(/[\s-]/g, '')
  if (!(await matches(context, claimed, typed))) {
    if (claimed.attempts >= EMAIL_CODE_MAX_ATTEMPTS) {
      await context.store.challenges.consume(key, KIND, now)
      throw errors.emailCodeAttemptsExceeded()
    }
    throw errors.invalidEmailCode()
  }
  // Single use: of concurrent right answers, one takes the code out of the store.
  const spent = await context.store.challenges.consume(key, KIND, now)
  if (!spent) throw errors.emailCodeExpired()
  if (spent.created_at !== claimed.created_at || spent.data.code_hash !== claimed.data.code_hash) {
    // A new send replaced the code between the check and the spending: the code checked is no longer the live
    // one. Put the new one back, untouched, and refuse as for any replaced code.
    await context.store.challenges.create(spent)
    throw errors.emailCodeExpired()
  }
  const user = spent.user_id === null ? undefined : await context.store.users.get(spent.user_id)
  // The account changed its address since the code was sent: the code belonged to the old one.
  if (!user || user.email_normalized !== spent.data.email) throw errors.emailCodeExpired()
  if (user.email_verified) return user
  return (await context.store.users.update(user.id, { email_verified: true, updated_at: now })) ?? user
}

/** Whether `typed` is the code of `record`, in time that does not depend on where they differ. */
async function matches(context: ServerContext, record: ChallengeRecord, typed: string): Promise<boolean> {
  const { code_hash: hash, salt } = record.data
  if (typeof hash !== 'string' || typeof salt !== 'string') return false
  // Only six digits are ever sent; anything else is hashed anyway, so every wrong answer costs the same.
  const candidate = await hashCode(context, record.key, salt, typed)
  return constantTimeEqual(candidate, hash) && /^\d{6}$/.test(typed) && record.user_id !== null
}
