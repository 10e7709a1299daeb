import type { ModuleContext } from '../module-context'
import { MessageResponseSchema, type MessageResponse } from '@plinto/contract/auth'
import {
  BackupCodesResponseSchema,
  MfaEnabledResponseSchema,
  MfaStatusSchema,
  TotpSetupResponseSchema,
  type BackupCodesResponse,
  type MfaChallengeSendRequest,
  type MfaEnabledResponse,
  type MfaStatus,
  type TotpSetupResponse,
} from '@plinto/contract/mfa'
import { caller, refreshUser } from './shared'

/**
 * `plinto.mfa`: second factors of the signed-in user — TOTP (authenticator apps), SMS and backup codes —
 * and the SMS code of a sign-in that answered `MFA_REQUIRED`. Turning a factor on or off re-reads the
 * user, so `getSnapshot().user.mfa_enabled` follows (and `userUpdated` fires). A wrong code is
 * `INVALID_MFA_CODE`.
 *
 * @example
 * ```ts
 * const { qr_code, backup_codes } = await plinto.mfa.enableTotp()
 * showQr(qr_code); showOnce(backup_codes)
 * await plinto.mfa.verifyTotp(codeTypedByUser) // TOTP is on from here
 * ```
 */
export interface MfaModule {
  /**
   * Which factors are on and how many backup codes are left (`GET /mfa/status`).
   * @example `const { enabled, methods, backup_codes_remaining } = await plinto.mfa.getStatus()`
   */
  getStatus(): Promise<MfaStatus>
  /**
   * Starts TOTP set-up: the secret (text, `qr_code` data URI, `provisioning_uri`) and ten backup codes.
   * Nothing is on until {@link MfaModule.verifyTotp} succeeds. Same as `auth.setupMFA('totp')`.
   * @example `const { secret, qr_code, provisioning_uri, backup_codes } = await plinto.mfa.enableTotp()`
   */
  enableTotp(): Promise<TotpSetupResponse>
  /**
   * Finishes TOTP set-up with a code from the app; TOTP and the backup codes are on.
   * @example `await plinto.mfa.verifyTotp('123456')`
   */
  verifyTotp(code: string): Promise<MfaEnabledResponse>
  /**
   * Turns TOTP off, with a TOTP or backup code.
   * @example `await plinto.mfa.disableTotp('123456')`
   */
  disableTotp(code: string): Promise<MfaEnabledResponse>
  /**
   * Replaces the backup codes (the old ones stop working), with a TOTP or backup code.
   * @example `const { backup_codes } = await plinto.mfa.regenerateBackupCodes('123456')`
   */
  regenerateBackupCodes(code: string): Promise<BackupCodesResponse>
  /**
   * Starts SMS set-up: texts a 6-digit code to `phone` (E.164). Same as `auth.setupMFA('sms', phone)`.
   * @example `await plinto.mfa.enableSms('+14155550123')`
   */
  enableSms(phone: string): Promise<MessageResponse>
  /**
   * Finishes SMS set-up with the texted code. When SMS is the first factor the answer carries `backup_codes`.
   * @example `const { backup_codes } = await plinto.mfa.verifySms('123456')`
   */
  verifySms(code: string): Promise<MfaEnabledResponse>
  /**
   * Turns SMS off, with a TOTP or backup code.
   * @example `await plinto.mfa.disableSms(backupCode)`
   */
  disableSms(code: string): Promise<MfaEnabledResponse>
  /**
   * During a sign-in that threw `MFA_REQUIRED` (with `'sms'` in `methods`): texts a sign-in code to the
   * account's phone. Finish with `auth.verifyMfaChallenge`. Same as `auth.sendMfaChallenge`.
   * @example `await plinto.mfa.sendChallenge({ mfa_token: err.mfaToken!, method: 'sms' })`
   */
  sendChallenge(request: MfaChallengeSendRequest): Promise<MessageResponse>
}

/**
 * The calls of `plinto.mfa` that manage factors: everything but `sendChallenge` (a step of signing in, so it
 * stays in the main chunk, in ./account-modules). They load with the `management` chunk.
 */
export type MfaCalls = Omit<MfaModule, 'sendChallenge'>

/**
 * Creates the factor-management calls of the MFA module over the client's context (loaded lazily, see
 * ./management.lazy).
 */
export function createMfaModule(context: ModuleContext): MfaCalls {
  const call = caller(context)
  /** A call with a code that turns a factor on or off: `mfa_enabled` of the user may have changed. */
  const toggle = async (to: string, code: string) => {
    const result = await call('POST', to, MfaEnabledResponseSchema, { code })
    // The factor changed even if this re-read fails; the snapshot then catches up on the next read.
    await refreshUser(context).catch(() => undefined)
    return result
  }
  return {
    getStatus: () => call('GET', 'mfa/status', MfaStatusSchema),
    enableTotp: () => call('POST', 'mfa/totp/enable', TotpSetupResponseSchema),
    verifyTotp: (code) => toggle('mfa/totp/verify', code),
    disableTotp: (code) => toggle('mfa/totp/disable', code),
    regenerateBackupCodes: (code) => call('POST', 'mfa/backup-codes/regenerate', BackupCodesResponseSchema, { code }),
    enableSms: (phone) => call('POST', 'mfa/sms/enable', MessageResponseSchema, { phone }),
    verifySms: (code) => toggle('mfa/sms/verify', code),
    disableSms: (code) => toggle('mfa/sms/disable', code),
  }
}
