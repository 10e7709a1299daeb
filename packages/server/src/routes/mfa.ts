import { Hono } from 'hono'
import { renderSVG } from 'uqr'
import {
  MfaChallengeRequestSchema,
  MfaChallengeSendRequestSchema,
  MfaCodeRequestSchema,
  SmsEnableRequestSchema,
  type BackupCodesResponse,
  type MessageResponse,
  type MfaEnabledResponse,
  type TotpSetupResponse,
} from '@plinto/typescript-sdk/schemas'
import { answerMfaChallenge, sendSignInSms } from '../domain/mfa/mfa-challenge'
import {
  emptyMfaRecord,
  generateBackupCodes,
  invalidMfaCode,
  mfaStatus,
  randomDigits,
  requireFactorCode,
  SMS_CODE_TTL_MS,
  syncMfaFlag,
} from '../domain/mfa/mfa'
import { authenticate } from '../domain/sessions/sessions'
import { sealAtRest } from '../crypto/at-rest'
import { constantTimeEqual, sha256 } from '../crypto/hash'
import { generateTotpSecret, provisioningUri } from '../crypto/totp'
import { errors } from '../errors'
import type { PlintoEnv } from '../env'
import { smsCode } from '../mail/templates'
import { readJson } from '../middleware/json-body'
import type { MfaRecord } from '../store/types'
import { signedIn } from '../http/sign-in-response'

/**
 * The `/mfa` routes of CONTRACT.md § MFA: TOTP and SMS set-up for the signed-in user, backup codes, and
 * the second step of a sign-in (`/mfa/challenge…`, which take an `mfa_token` instead of a Bearer token).
 */
export function mfaRoutes(): Hono<PlintoEnv> {
  const mfa = new Hono<PlintoEnv>()

  mfa.get('/status', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    return c.json(mfaStatus(await context.store.mfa.get(user.id)), 200)
  })

  mfa.post('/totp/enable', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const now = context.clock.now()
    const record = (await context.store.mfa.get(user.id)) ?? emptyMfaRecord(user.id, now)
    if (record.totp_enabled) throw alreadyOn('TOTP')
    // Starting again replaces a pending set-up that was never verified.
    const secret = generateTotpSecret()
    const backup = await generateBackupCodes()
    await context.store.mfa.put({
      ...record,
      totp_secret: await sealAtRest(context.config.secretKey, secret),
      totp_last_step: null,
      pending_backup_code_hashes: backup.hashes,
      updated_at: now,
    })
    const uri = provisioningUri({ secret, issuer: context.config.totpIssuer, account: user.email })
    const body: TotpSetupResponse = {
      secret,
      qr_code: `data:image/svg+xml;base64,${btoa(renderSVG(uri))}`,
      provisioning_uri: uri,
      backup_codes: backup.codes,
    }
    return c.json(body, 200)
  })

  mfa.post('/totp/verify', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, MfaCodeRequestSchema)
    const record = await context.store.mfa.get(user.id)
    if (record?.totp_enabled) throw alreadyOn('TOTP')
    if (!record?.totp_secret) throw notSetUp('Start TOTP set-up first (POST /mfa/totp/enable)')
    await requireFactorCode(context, user, record, body.code, { allowBackup: false, totpSecret: record.totp_secret })
    // Re-read: the step just claimed is part of the record now.
    const current = (await context.store.mfa.get(user.id)) ?? record
    const next: MfaRecord = {
      ...current,
      totp_enabled: true,
      backup_code_hashes: current.pending_backup_code_hashes,
      pending_backup_code_hashes: [],
      updated_at: context.clock.now(),
    }
    await context.store.mfa.put(next)
    await syncMfaFlag(context, user, next, 'totp')
    return c.json<MfaEnabledResponse>({ enabled: true }, 200)
  })

  mfa.post('/totp/disable', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, MfaCodeRequestSchema)
    const record = await context.store.mfa.get(user.id)
    if (!record?.totp_enabled) throw notSetUp('TOTP is not enabled')
    await requireFactorCode(context, user, record, body.code, { allowBackup: true })
    const current = (await context.store.mfa.get(user.id)) ?? record
    const next = withoutFactor(current, 'totp', context.clock.now())
    await context.store.mfa.put(next)
    await syncMfaFlag(context, user, next, 'totp')
    return c.json<MfaEnabledResponse>({ enabled: false }, 200)
  })

  mfa.post('/backup-codes/regenerate', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, MfaCodeRequestSchema)
    const record = await context.store.mfa.get(user.id)
    if (!record || !(record.totp_enabled || record.sms_enabled)) throw notSetUp('MFA is not enabled')
    await requireFactorCode(context, user, record, body.code, { allowBackup: true })
    const current = (await context.store.mfa.get(user.id)) ?? record
    const backup = await generateBackupCodes()
    await context.store.mfa.put({ ...current, backup_code_hashes: backup.hashes, updated_at: context.clock.now() })
    return c.json<BackupCodesResponse>({ backup_codes: backup.codes }, 200)
  })

  mfa.post('/sms/enable', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, SmsEnableRequestSchema)
    const record = await context.store.mfa.get(user.id)
    if (record?.sms_enabled) throw alreadyOn('SMS')
    const code = randomDigits()
    const now = context.clock.now()
    await context.store.challenges.create({
      key: `enable:${user.id}`,
      kind: 'sms_code',
      user_id: user.id,
      data: { code_hash: await sha256(code), phone: body.phone },
      attempts: 0,
      created_at: now,
      expires_at: now + SMS_CODE_TTL_MS,
    })
    context.send(smsCode(body.phone, code, 'enable'))
    return c.json<MessageResponse>({ message: 'A verification code has been sent by SMS.' }, 202)
  })

  mfa.post('/sms/verify', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, MfaCodeRequestSchema)
    const now = context.clock.now()
    const key = `enable:${user.id}`
    const pending = await context.store.challenges.get(key, 'sms_code', now)
    if (!pending) throw invalidMfaCode()
    const matches = typeof pending.data.code_hash === 'string' && constantTimeEqual(pending.data.code_hash, await sha256(body.code))
    if (!matches) {
      // Five wrong codes end the pending set-up; a new /sms/enable sends a new code.
      await context.store.challenges.recordFailure(key, 'sms_code', 5)
      throw invalidMfaCode()
    }
    if (!(await context.store.challenges.consume(key, 'sms_code', now))) throw invalidMfaCode()
    const record = (await context.store.mfa.get(user.id)) ?? emptyMfaRecord(user.id, now)
    const next: MfaRecord = { ...record, sms_enabled: true, sms_phone: String(pending.data.phone), updated_at: now }
    // SMS as the first factor: issue backup codes too, or a lost phone would lock the account out (and
    // disabling SMS, which takes a TOTP or backup code, would be impossible).
    const backup = next.backup_code_hashes.length === 0 ? await generateBackupCodes() : undefined
    if (backup) next.backup_code_hashes = backup.hashes
    await context.store.mfa.put(next)
    await syncMfaFlag(context, user, next, 'sms')
    return c.json<MfaEnabledResponse>({ enabled: true, ...(backup && { backup_codes: backup.codes }) }, 200)
  })

  mfa.post('/sms/disable', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, MfaCodeRequestSchema)
    const record = await context.store.mfa.get(user.id)
    if (!record?.sms_enabled) throw notSetUp('SMS is not enabled')
    await requireFactorCode(context, user, record, body.code, { allowBackup: true })
    const current = (await context.store.mfa.get(user.id)) ?? record
    const next = withoutFactor(current, 'sms', context.clock.now())
    await context.store.mfa.put(next)
    await syncMfaFlag(context, user, next, 'sms')
    return c.json<MfaEnabledResponse>({ enabled: false }, 200)
  })

  mfa.post('/challenge/send', async (c) => {
    const body = await readJson(c, MfaChallengeSendRequestSchema)
    await sendSignInSms(c.get('context'), body.mfa_token)
    return c.json<MessageResponse>({ message: 'A sign-in code has been sent by SMS.' }, 202)
  })

  mfa.post('/challenge', async (c) => {
    const body = await readJson(c, MfaChallengeRequestSchema)
    const { user, remember } = await answerMfaChallenge(c.get('context'), body.mfa_token, body.code)
    return signedIn(c, user, { remember, status: 200 })
  })

  return mfa
}

/** The record with one factor off; with no factor left, the backup codes go too. */
function withoutFactor(record: MfaRecord, factor: 'totp' | 'sms', nowMs: number): MfaRecord {
  const next: MfaRecord =
    factor === 'totp'
      ? { ...record, totp_enabled: false, totp_secret: null, totp_last_step: null, pending_backup_code_hashes: [], updated_at: nowMs }
      : { ...record, sms_enabled: false, sms_phone: null, updated_at: nowMs }
  if (!next.totp_enabled && !next.sms_enabled) next.backup_code_hashes = []
  return next
}

function alreadyOn(factor: string) {
  return errors.validation(`${factor} is already enabled`, [{ field: 'method', message: `${factor} is already enabled; disable it first` }], 400)
}

function notSetUp(detail: string) {
  return errors.validation(detail, [{ field: 'method', message: detail }], 400)
}
