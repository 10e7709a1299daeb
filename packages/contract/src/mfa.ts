import * as z from 'zod/mini'
import { PhoneNumberSchema } from './users'
import { MfaMethodSchema } from './auth'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps the core entry inside its size budget.

/** The response of `GET /mfa/status`; {@link MfaStatus} is its type. */
export const MfaStatusSchema = /* @__PURE__ */ z.object({
  enabled: /* @__PURE__ */ z.boolean(),
  methods: /* @__PURE__ */ z.array(MfaMethodSchema),
  backup_codes_remaining: /* @__PURE__ */ z.number(),
})
/**
 * `GET /mfa/status`: whether a second factor is on, which ones, and how many backup codes are left.
 *
 * @example
 * ```ts
 * const status: MfaStatus = await plinto.mfa.getStatus()
 * status.methods // ['totp', 'backup_code']
 * ```
 */
export type MfaStatus = z.infer<typeof MfaStatusSchema>

/**
 * The response of `POST /mfa/totp/enable` (secret, QR code, otpauth URI, backup codes); {@link TotpSetupResponse} is
 * its type.
 */
export const TotpSetupResponseSchema = /* @__PURE__ */ z.object({
  secret: /* @__PURE__ */ z.string(),
  qr_code: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.startsWith('data:')),
  provisioning_uri: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.startsWith('otpauth://')),
  backup_codes: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
})
/**
 * `POST /mfa/totp/enable`: the secret to put in an authenticator app (as text, QR code and otpauth URI)
 * and ten backup codes. TOTP stays pending until `POST /mfa/totp/verify` proves the app has it.
 *
 * @example
 * ```ts
 * const { qr_code, backup_codes }: TotpSetupResponse = await plinto.mfa.enableTotp()
 * img.src = qr_code
 * ```
 */
export type TotpSetupResponse = z.infer<typeof TotpSetupResponseSchema>

/**
 * The `{ enabled }` response of `POST /mfa/{totp,sms}/verify` and `POST /mfa/{totp,sms}/disable`;
 * {@link MfaEnabledResponse} is its type.
 */
export const MfaEnabledResponseSchema = /* @__PURE__ */ z.object({
  enabled: /* @__PURE__ */ z.boolean(),
  backup_codes: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
})
/**
 * `{ enabled }`: the result of verifying (true) or disabling (false) a factor. `POST /mfa/sms/verify`
 * also returns `backup_codes` when SMS is the account's first factor (TOTP set-up returns them earlier).
 *
 * @example
 * ```ts
 * const { enabled }: MfaEnabledResponse = await plinto.mfa.verifyTotp('123456')
 * ```
 */
export type MfaEnabledResponse = z.infer<typeof MfaEnabledResponseSchema>

/**
 * The response of `POST /mfa/backup-codes/regenerate` (`{ backup_codes }`); {@link BackupCodesResponse} is its type.
 */
export const BackupCodesResponseSchema = /* @__PURE__ */ z.object({
  backup_codes: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
})
/**
 * `POST /mfa/backup-codes/regenerate`: a new set of ten; the old set no longer works.
 *
 * @example
 * ```ts
 * const { backup_codes }: BackupCodesResponse = await plinto.mfa.regenerateBackupCodes('123456')
 * ```
 */
export type BackupCodesResponse = z.infer<typeof BackupCodesResponseSchema>

// ---- Requests ----

const code = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(4), /* @__PURE__ */ z.maxLength(64))

/**
 * The `{ code }` body of `POST /mfa/totp/verify`, `/mfa/totp/disable`, `/mfa/sms/verify`, `/mfa/sms/disable` and
 * `/mfa/backup-codes/regenerate`; {@link MfaCodeRequest} is its type.
 */
export const MfaCodeRequestSchema = /* @__PURE__ */ z.object({ code })
/**
 * `{ code }`: a TOTP, SMS or backup code (verify, disable, regenerate).
 *
 * @example
 * ```ts
 * await plinto.mfa.disableTotp('123456')
 * ```
 */
export type MfaCodeRequest = z.input<typeof MfaCodeRequestSchema>

/** The body of `POST /mfa/sms/enable` (`{ phone }`, E.164); {@link SmsEnableRequest} is its type. */
export const SmsEnableRequestSchema = /* @__PURE__ */ z.object({
  phone: PhoneNumberSchema,
})
/**
 * `POST /mfa/sms/enable`: the phone number, E.164.
 *
 * @example
 * ```ts
 * await plinto.mfa.enableSms('+14155550123')
 * ```
 */
export type SmsEnableRequest = z.input<typeof SmsEnableRequestSchema>

/**
 * The body of `POST /mfa/challenge/send` (the `mfa_token` from sign-in and the method); {@link MfaChallengeSendRequest}
 * is its type.
 */
export const MfaChallengeSendRequestSchema = /* @__PURE__ */ z.object({
  mfa_token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(2048)),
  method: /* @__PURE__ */ z.literal('sms'),
})
/**
 * `POST /mfa/challenge/send`: text a sign-in code to the account's verified phone.
 *
 * @example
 * ```ts
 * await plinto.mfa.sendChallenge({ mfa_token: err.mfaToken, method: 'sms' })
 * ```
 */
export type MfaChallengeSendRequest = z.input<typeof MfaChallengeSendRequestSchema>
