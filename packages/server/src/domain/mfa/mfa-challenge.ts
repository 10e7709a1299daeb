import type { ServerContext } from '../../server-context'
import { constantTimeEqual, sha256 } from '../../crypto/hash'
import { randomToken } from '../../crypto/random'
import { ApiError, errors } from '../../errors'
import { smsCode } from '../../mail/templates'
import type { ChallengeRecord, UserRecord } from '../../store/types'
import {
  acceptFactorCode,
  activeMethods,
  invalidMfaCode,
  MFA_MAX_ATTEMPTS,
  MFA_TOKEN_TTL_MS,
  randomDigits,
  SMS_CODE_TTL_MS,
} from './mfa'

/**
 * Starts the second step of a sign-in: an `mfa_token` (256 random bits, stored hashed) that lives 5
 * minutes and survives 5 wrong codes. Returns the body `POST /auth/signin` answers with.
 */
export async function issueMfaChallenge(
  context: ServerContext,
  user: UserRecord,
  remember: boolean,
): Promise<{ mfa_required: true; mfa_token: string; methods: string[] }> {
  const token = randomToken(32)
  const now = context.clock.now()
  await context.store.challenges.deleteExpired(now)
  await context.store.challenges.create({
    key: await sha256(token),
    kind: 'mfa_token',
    user_id: user.id,
    data: { remember },
    attempts: 0,
    created_at: now,
    expires_at: now + MFA_TOKEN_TTL_MS,
  })
  return { mfa_required: true, mfa_token: token, methods: activeMethods(await context.store.mfa.get(user.id)) }
}

/**
 * Texts a sign-in code for a live `mfa_token` to the account's verified phone (`POST /mfa/challenge/send`).
 * A new code replaces the previous one; it expires with the token, or after 5 minutes.
 */
export async function sendSignInSms(context: ServerContext, mfaToken: string): Promise<void> {
  const { challenge, tokenKey } = await liveChallenge(context, mfaToken)
  const record = await context.store.mfa.get(challenge.user_id ?? '')
  if (!record?.sms_enabled || !record.sms_phone) {
    throw errors.validation(
      'SMS is not enabled for this account',
      [{ field: 'method', message: 'SMS is not enabled' }],
      400,
    )
  }
  const code = randomDigits()
  const now = context.clock.now()
  await context.store.challenges.create({
    key: `signin:${tokenKey}`,
    kind: 'sms_code',
    user_id: record.user_id,
    data: { code_hash: await sha256(code) },
    attempts: 0,
    created_at: now,
    expires_at: Math.min(challenge.expires_at, now + SMS_CODE_TTL_MS),
  })
  context.send(smsCode(record.sms_phone, code, 'signin'))
}

/**
 * Answers an `mfa_token` with a code: TOTP, a backup code, or the SMS code sent for this token. A wrong
 * code counts against the token (400 `INVALID_MFA_CODE`; the fifth wrong one ends it). An unknown,
 * expired, exhausted or already used token is 400 `INVALID_TOKEN`. Returns the user and the sign-in's
 * `remember` choice once the token has been spent.
 */
export async function answerMfaChallenge(
  context: ServerContext,
  mfaToken: string,
  code: string,
): Promise<{ user: UserRecord; remember: boolean }> {
  const tokenKey = await sha256(mfaToken)
  // The attempt is counted before the code is checked, atomically in the store: N concurrent codes on one
  // token get at most MFA_MAX_ATTEMPTS checks (a check-then-count would let them all through).
  const challenge = await context.store.challenges.claimAttempt(
    tokenKey,
    'mfa_token',
    MFA_MAX_ATTEMPTS,
    context.clock.now(),
  )
  if (!challenge) throw expiredSignIn()
  const userId = challenge.user_id ?? ''
  const [user, record] = await Promise.all([context.store.users.get(userId), context.store.mfa.get(userId)])
  if (!user || !record) throw errors.invalidToken()

  let accepted = await acceptFactorCode(context, record, code, { allowBackup: true })
  if (!accepted && record.sms_enabled) {
    const now = context.clock.now()
    const sms = await context.store.challenges.get(`signin:${tokenKey}`, 'sms_code', now)
    const presented = await sha256(code.trim())
    if (sms && typeof sms.data.code_hash === 'string' && constantTimeEqual(sms.data.code_hash, presented)) {
      accepted = (await context.store.challenges.consume(`signin:${tokenKey}`, 'sms_code', now)) !== undefined
    }
  }
  if (!accepted) {
    if (challenge.attempts >= MFA_MAX_ATTEMPTS) {
      // The last attempt was wrong: the token ends here.
      await context.store.challenges.consume(tokenKey, 'mfa_token', context.clock.now())
      throw new ApiError(400, 'INVALID_MFA_CODE', 'Too many wrong codes; sign in again')
    }
    throw invalidMfaCode()
  }
  // Spend the token; if a concurrent request spent it first, this one does not sign in.
  if (!(await context.store.challenges.consume(tokenKey, 'mfa_token', context.clock.now()))) throw errors.invalidToken()
  return { user, remember: challenge.data.remember !== false }
}

async function liveChallenge(
  context: ServerContext,
  mfaToken: string,
): Promise<{ challenge: ChallengeRecord; tokenKey: string }> {
  const tokenKey = await sha256(mfaToken)
  const challenge = await context.store.challenges.get(tokenKey, 'mfa_token', context.clock.now())
  if (!challenge) throw expiredSignIn()
  return { challenge, tokenKey }
}

function expiredSignIn(): ApiError {
  return new ApiError(400, 'INVALID_TOKEN', 'This sign-in attempt has expired; sign in again')
}
