import { Hono } from 'hono'
import {
  MfaChallengeRequestSchema,
  MfaChallengeSendRequestSchema,
  MfaCodeRequestSchema,
  SmsEnableRequestSchema,
  type BackupCodesResponse,
  type MessageResponse,
  type MfaEnabledResponse,
} from '@plinto/contract'
import { mfaStatus } from '../domain/mfa/mfa'
import { answerMfaChallenge, sendSignInSms } from '../domain/mfa/mfa-challenge'
import {
  confirmSms,
  confirmTotp,
  disableFactor,
  regenerateBackupCodes,
  startSmsSetup,
  startTotpSetup,
} from '../domain/mfa/mfa-setup'
import type { PlintoEnv } from '../env'
import { signedIn } from '../http/sign-in-response'
import { noStore } from '../middleware/no-store'
import { jsonBody } from '../middleware/json-body'
import { rateLimit } from '../middleware/rate-limit'
import { requireRecentAuthentication } from '../middleware/recent-authentication'
import { requireSession } from '../middleware/session'

/**
 * The `/mfa` routes of CONTRACT.md § MFA: TOTP and SMS set-up for the signed-in user, backup codes, and
 * the second step of a sign-in (`/mfa/challenge…`, which take an `mfa_token` instead of a Bearer token).
 */
export function mfaRoutes(): Hono<PlintoEnv> {
  const mfa = new Hono<PlintoEnv>()

  mfa.get('/status', requireSession(), async (c) => {
    return c.json(mfaStatus(await c.var.server.store.mfa.get(c.var.user.id)), 200)
  })

  mfa.post('/totp/enable', noStore(), requireSession(), async (c) =>
    c.json(await startTotpSetup(c.var.server, c.var.user), 200),
  )

  mfa.post('/totp/verify', noStore(), requireSession(), jsonBody(MfaCodeRequestSchema), async (c) => {
    await confirmTotp(c.var.server, c.var.user, c.req.valid('json').code)
    return c.json<MfaEnabledResponse>({ enabled: true }, 200)
  })

  mfa.post(
    '/totp/disable',
    noStore(),
    requireSession(),
    requireRecentAuthentication(),
    jsonBody(MfaCodeRequestSchema),
    async (c) => {
      await disableFactor(c.var.server, c.var.user, 'totp', c.req.valid('json').code)
      return c.json<MfaEnabledResponse>({ enabled: false }, 200)
    },
  )

  mfa.post(
    '/backup-codes/regenerate',
    noStore(),
    requireSession(),
    requireRecentAuthentication(),
    jsonBody(MfaCodeRequestSchema),
    async (c) => {
      const codes = await regenerateBackupCodes(c.var.server, c.var.user, c.req.valid('json').code)
      return c.json<BackupCodesResponse>({ backup_codes: codes }, 200)
    },
  )

  mfa.post('/sms/enable', requireSession(), jsonBody(SmsEnableRequestSchema), async (c) => {
    await startSmsSetup(c.var.server, c.var.user, c.req.valid('json').phone)
    return c.json<MessageResponse>({ message: 'A verification code has been sent by SMS.' }, 202)
  })

  mfa.post('/sms/verify', noStore(), requireSession(), jsonBody(MfaCodeRequestSchema), async (c) => {
    return c.json<MfaEnabledResponse>(await confirmSms(c.var.server, c.var.user, c.req.valid('json').code), 200)
  })

  mfa.post(
    '/sms/disable',
    noStore(),
    requireSession(),
    requireRecentAuthentication(),
    jsonBody(MfaCodeRequestSchema),
    async (c) => {
      await disableFactor(c.var.server, c.var.user, 'sms', c.req.valid('json').code)
      return c.json<MfaEnabledResponse>({ enabled: false }, 200)
    },
  )

  // The second step of a sign-in counts as a sign-in attempt (the mfa_token also allows 5 wrong codes).
  mfa.post('/challenge/send', rateLimit('signin'), jsonBody(MfaChallengeSendRequestSchema), async (c) => {
    await sendSignInSms(c.var.server, c.req.valid('json').mfa_token)
    return c.json<MessageResponse>({ message: 'A sign-in code has been sent by SMS.' }, 202)
  })

  mfa.post('/challenge', noStore(), rateLimit('signin'), jsonBody(MfaChallengeRequestSchema), async (c) => {
    const body = c.req.valid('json')
    const { user, remember } = await answerMfaChallenge(c.var.server, body.mfa_token, body.code)
    return signedIn(c, user, { remember, status: 200 })
  })

  return mfa
}
