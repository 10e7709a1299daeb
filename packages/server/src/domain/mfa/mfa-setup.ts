import { renderSVG } from 'uqr'
import type { MfaEnabledResponse, TotpSetupResponse } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { sealAtRest } from '../../crypto/at-rest'
import { constantTimeEqual, sha256 } from '../../crypto/hash'
import { generateTotpSecret, provisioningUri } from '../../crypto/totp'
import { errors } from '../../errors'
import { smsCode } from '../../mail/templates'
import type { MfaRecord, UserRecord } from '../../store/types'
import {
  emptyMfaRecord,
  generateBackupCodes,
  invalidMfaCode,
  randomDigits,
  requireFactorCode,
  SMS_CODE_TTL_MS,
  storeFactorChange,
} from './mfa'

/** Wrong codes a pending SMS set-up survives. */
const SMS_ENABLE_MAX_ATTEMPTS = 5

/**
 * Starts (or restarts) TOTP set-up: a new secret, stored sealed but not yet enabled, and the backup codes
 * that become active when the first code is confirmed.
 */
export async function startTotpSetup(context: ServerContext, user: UserRecord): Promise<TotpSetupResponse> {
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
  return {
    secret,
    qr_code: `data:image/svg+xml;base64,${btoa(renderSVG(uri))}`,
    provisioning_uri: uri,
    backup_codes: backup.codes,
  }
}

/** Finishes TOTP set-up with a first code from the app: TOTP and its backup codes are on. */
export async function confirmTotp(context: ServerContext, user: UserRecord, code: string): Promise<void> {
  const record = await context.store.mfa.get(user.id)
  if (record?.totp_enabled) throw alreadyOn('TOTP')
  if (!record?.totp_secret) throw notSetUp('Start TOTP set-up first (POST /mfa/totp/enable)')
  await requireFactorCode(context, user, record, code, { allowBackup: false, totpSecret: record.totp_secret })
  // Re-read: the step just claimed is part of the record now.
  const current = (await context.store.mfa.get(user.id)) ?? record
  const next: MfaRecord = {
    ...current,
    totp_enabled: true,
    backup_code_hashes: current.pending_backup_code_hashes,
    pending_backup_code_hashes: [],
    updated_at: context.clock.now(),
  }
  await storeFactorChange(context, user, next, 'totp')
}

/** Turns a factor off, proven by a current code of any factor or a backup code. */
export async function disableFactor(
  context: ServerContext,
  user: UserRecord,
  factor: 'totp' | 'sms',
  code: string,
): Promise<void> {
  const record = await context.store.mfa.get(user.id)
  const enabled = factor === 'totp' ? record?.totp_enabled : record?.sms_enabled
  if (!record || !enabled) throw notSetUp(factor === 'totp' ? 'TOTP is not enabled' : 'SMS is not enabled')
  await requireFactorCode(context, user, record, code, { allowBackup: true })
  const current = (await context.store.mfa.get(user.id)) ?? record
  const next = withoutFactor(current, factor, context.clock.now())
  await storeFactorChange(context, user, next, factor)
}

/** Replaces the backup codes (the old ones stop working), proven by a current code; answers the new ones. */
export async function regenerateBackupCodes(context: ServerContext, user: UserRecord, code: string): Promise<string[]> {
  const record = await context.store.mfa.get(user.id)
  if (!record || !(record.totp_enabled || record.sms_enabled)) throw notSetUp('MFA is not enabled')
  await requireFactorCode(context, user, record, code, { allowBackup: true })
  const current = (await context.store.mfa.get(user.id)) ?? record
  const backup = await generateBackupCodes()
  await context.store.mfa.put({ ...current, backup_code_hashes: backup.hashes, updated_at: context.clock.now() })
  return backup.codes
}

/** Starts SMS set-up: a code to `phone`, to be confirmed with {@link confirmSms}. */
export async function startSmsSetup(context: ServerContext, user: UserRecord, phone: string): Promise<void> {
  const record = await context.store.mfa.get(user.id)
  if (record?.sms_enabled) throw alreadyOn('SMS')
  const code = randomDigits()
  const now = context.clock.now()
  await context.store.challenges.create({
    key: `enable:${user.id}`,
    kind: 'sms_code',
    user_id: user.id,
    data: { code_hash: await sha256(code), phone },
    attempts: 0,
    created_at: now,
    expires_at: now + SMS_CODE_TTL_MS,
  })
  context.send(smsCode(phone, code, 'enable'))
}

/** Finishes SMS set-up with the code sent; SMS is on (with backup codes if the user had none). */
export async function confirmSms(context: ServerContext, user: UserRecord, code: string): Promise<MfaEnabledResponse> {
  const now = context.clock.now()
  const key = `enable:${user.id}`
  // Counted before the check, atomically: concurrent codes get at most five checks.
  const pending = await context.store.challenges.claimAttempt(key, 'sms_code', SMS_ENABLE_MAX_ATTEMPTS, now)
  if (!pending) throw invalidMfaCode()
  const matches =
    typeof pending.data.code_hash === 'string' && constantTimeEqual(pending.data.code_hash, await sha256(code))
  if (!matches) {
    // Five wrong codes end the pending set-up; a new /sms/enable sends a new code.
    if (pending.attempts >= SMS_ENABLE_MAX_ATTEMPTS) await context.store.challenges.consume(key, 'sms_code', now)
    throw invalidMfaCode()
  }
  if (!(await context.store.challenges.consume(key, 'sms_code', now))) throw invalidMfaCode()
  const record = (await context.store.mfa.get(user.id)) ?? emptyMfaRecord(user.id, now)
  const next: MfaRecord = { ...record, sms_enabled: true, sms_phone: String(pending.data.phone), updated_at: now }
  // SMS as the first factor: issue backup codes too, or a lost phone would lock the account out (and
  // disabling SMS, which takes a TOTP or backup code, would be impossible).
  const backup = next.backup_code_hashes.length === 0 ? await generateBackupCodes() : undefined
  if (backup) next.backup_code_hashes = backup.hashes
  await storeFactorChange(context, user, next, 'sms')
  return { enabled: true, ...(backup && { backup_codes: backup.codes }) }
}

/** The record with one factor off; with no factor left, the backup codes go too. */
function withoutFactor(record: MfaRecord, factor: 'totp' | 'sms', nowMs: number): MfaRecord {
  const next: MfaRecord =
    factor === 'totp'
      ? {
          ...record,
          totp_enabled: false,
          totp_secret: null,
          totp_last_step: null,
          pending_backup_code_hashes: [],
          updated_at: nowMs,
        }
      : { ...record, sms_enabled: false, sms_phone: null, updated_at: nowMs }
  if (!next.totp_enabled && !next.sms_enabled) next.backup_code_hashes = []
  return next
}

function alreadyOn(factor: string) {
  return errors.validation(
    `${factor} is already enabled`,
    [{ field: 'method', message: `${factor} is already enabled; disable it first` }],
    400,
  )
}

function notSetUp(detail: string) {
  return errors.validation(detail, [{ field: 'method', message: detail }], 400)
}
