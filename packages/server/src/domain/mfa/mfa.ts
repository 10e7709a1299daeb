import type { MfaMethod, MfaStatus } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { openAtRest } from '../../crypto/at-rest'
import { sha256 } from '../../crypto/hash'
import { matchTotp } from '../../crypto/totp'
import { ApiError } from '../../errors'
import type { MfaRecord, UserRecord } from '../../store/types'
import { withWebhookEvents } from '../../webhooks/webhook-events'

/** How many backup codes a set has. */
export const BACKUP_CODE_COUNT = 10
/** Life of an `mfa_token`, of an SMS code, and the wrong answers an `mfa_token` survives. */
export const MFA_TOKEN_TTL_MS = 5 * 60_000
export const SMS_CODE_TTL_MS = 5 * 60_000
export const MFA_MAX_ATTEMPTS = 5
/** Wrong codes a signed-in user may send to MFA management endpoints per window, then 429. */
const MANAGEMENT_FAILURES = { limit: 10, windowSeconds: 15 * 60 }

// No 0/o/1/l/i: backup codes are read off paper and typed by hand.
const BACKUP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/**
 * A fresh MFA record with no factor (the starting point of a first setup).
 */
export function emptyMfaRecord(userId: string, nowMs: number): MfaRecord {
  return {
    user_id: userId,
    totp_secret: null,
    totp_enabled: false,
    totp_last_step: null,
    sms_phone: null,
    sms_enabled: false,
    backup_code_hashes: [],
    pending_backup_code_hashes: [],
    updated_at: nowMs,
  }
}

/**
 * Ten new backup codes (`xxxxx-xxxxx`, ~49 bits each) and their hashes for storage.
 */
export async function generateBackupCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes: string[] = []
  for (let i = 0; i < BACKUP_CODE_COUNT; i++) {
    // Rejection sampling keeps every character equally likely.
    let code = ''
    while (code.length < 10) {
      for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
        if (byte < 248 && code.length < 10) code += BACKUP_ALPHABET[byte % 31]
      }
    }
    codes.push(`${code.slice(0, 5)}-${code.slice(5)}`)
  }
  return { codes, hashes: await Promise.all(codes.map(hashBackupCode)) }
}

/** The stored form of a backup code: SHA-256 of the code lower-cased, without spaces and hyphens. */
export function hashBackupCode(code: string): Promise<string> {
  return sha256(`plinto-backup:${code.toLowerCase().replace(/[\s-]/g, '')}`)
}

/**
 * Six random digits for SMS.
 */
export function randomDigits(): string {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1))
  // 2^32 is not a multiple of 10^6; the bias is below 0.03 % and irrelevant for a 5-attempt code.
  return String(value % 1_000_000).padStart(6, '0')
}

/**
 * The second factors a sign-in challenge may be answered with, in the contract's vocabulary.
 */
export function activeMethods(record: MfaRecord | undefined): MfaMethod[] {
  if (!record) return []
  const methods: MfaMethod[] = []
  if (record.totp_enabled) methods.push('totp')
  if (record.sms_enabled) methods.push('sms')
  if ((record.totp_enabled || record.sms_enabled) && record.backup_code_hashes.length > 0) methods.push('backup_code')
  return methods
}

/**
 * `GET /mfa/status` for a record.
 */
export function mfaStatus(record: MfaRecord | undefined): MfaStatus {
  const methods = activeMethods(record)
  const enabled = methods.includes('totp') || methods.includes('sms')
  return { enabled, methods, backup_codes_remaining: enabled ? (record?.backup_code_hashes.length ?? 0) : 0 }
}

/**
 * Checks a code against the user's enabled TOTP (each time step accepted once) and, when
 * `allowBackup`, their backup codes (each used once). True when one of them took it.
 */
export async function acceptFactorCode(
  context: ServerContext,
  record: MfaRecord,
  code: string,
  options: { allowBackup: boolean; totpSecret?: string | null },
): Promise<boolean> {
  const trimmed = code.trim()
  const sealed =
    options.totpSecret === undefined ? (record.totp_enabled ? record.totp_secret : null) : options.totpSecret
  if (sealed && /^\d{6}$/.test(trimmed)) {
    const secret = await openAtRest(context.config.secretKey, sealed)
    const step = secret === undefined ? undefined : await matchTotp(secret, trimmed, context.clock.now())
    if (step !== undefined && (await context.store.mfa.claimTotpStep(record.user_id, step))) return true
  }
  if (options.allowBackup && !/^\d{6}$/.test(trimmed)) {
    return context.store.mfa.consumeBackupCode(record.user_id, await hashBackupCode(trimmed))
  }
  return false
}

/**
 * For MFA management by a signed-in user: refuses with 429 once too many wrong codes were sent (online
 * guessing of a 6-digit code), else checks the code like {@link acceptFactorCode} and throws 400
 * `INVALID_MFA_CODE` when it is wrong.
 */
export async function requireFactorCode(
  context: ServerContext,
  user: UserRecord,
  record: MfaRecord,
  code: string,
  options: { allowBackup: boolean; totpSecret?: string | null },
): Promise<void> {
  // The attempt is counted in the store before the code is checked, atomically (N concurrent codes get at most
  // the limit of checks, on every instance sharing the store); a right code gives its attempt back.
  const now = context.clock.now()
  const key = `mfa-failures:${user.id}`
  const claim = await context.store.challenges.claimWindowAttempt(
    {
      key,
      kind: 'mfa_failures',
      user_id: user.id,
      data: {},
      attempts: 0,
      created_at: now,
      expires_at: now + MANAGEMENT_FAILURES.windowSeconds * 1000,
    },
    MANAGEMENT_FAILURES.limit,
    now,
  )
  if (!claim.allowed) throw tooManyCodes(Math.max(1, Math.ceil((claim.expires_at - now) / 1000)))
  if (await acceptFactorCode(context, record, code, options)) {
    await context.store.challenges.releaseAttempt(key, 'mfa_failures', claim.expires_at)
    return
  }
  throw invalidMfaCode()
}

/**
 * Stores a factor's change: the MFA record, `mfa_enabled` on the user to match it, and the announcement
 * (`mfa.enabled` / `mfa.disabled`, with the method that caused it), in one transaction.
 */
export async function storeFactorChange(
  context: ServerContext,
  user: UserRecord,
  record: MfaRecord,
  method: 'totp' | 'sms',
): Promise<void> {
  const enabled = record.totp_enabled || record.sms_enabled
  const methodOn = method === 'totp' ? record.totp_enabled : record.sms_enabled
  await withWebhookEvents(context, async (tx, events) => {
    await tx.mfa.put(record)
    if (enabled !== user.mfa_enabled) {
      await tx.users.update(user.id, { mfa_enabled: enabled, updated_at: context.clock.now() })
    }
    events.add(methodOn ? 'mfa.enabled' : 'mfa.disabled', { user_id: user.id, method, mfa_enabled: enabled })
  })
}

/** 400 `INVALID_MFA_CODE`. */
export function invalidMfaCode(): ApiError {
  return new ApiError(400, 'INVALID_MFA_CODE', 'The code is incorrect or has expired')
}

function tooManyCodes(retryAfter: number): ApiError {
  return new ApiError(429, 'RATE_LIMITED', `Too many wrong codes. Try again in ${retryAfter} seconds.`, { retryAfter })
}
