import type { ContractOperation } from './types'

type MfaOperation = Omit<ContractOperation, 'mount' | 'tag' | 'method'> & { method?: 'get' }

const mfa = (operation: MfaOperation): ContractOperation => ({ mount: 'api', tag: 'MFA', method: 'post', ...operation })
const enabled = { description: 'The factor’s new state', schema: 'MfaEnabledResponse', noStore: true } as const

/**
 * The `/mfa` endpoints (CONTRACT.md § MFA). A wrong code is 400 `INVALID_MFA_CODE`; a factor that is already
 * on, or not set up, is 400 `VALIDATION_ERROR`; too many wrong codes are 429.
 *
 * @example
 * ```ts
 * import { mfaOperations } from '@plinto/contract/openapi'
 * mfaOperations.find((op) => op.path === '/mfa/challenge')?.responses[200]?.schema // 'AuthResponse'
 * ```
 */
export const mfaOperations: ContractOperation[] = [
  mfa({
    operationId: 'getMfaStatus',
    method: 'get',
    path: '/mfa/status',
    summary: 'Which factors are on',
    auth: 'bearer',
    responses: { 200: { description: 'MFA status', schema: 'MfaStatus' } },
    errors: [],
  }),
  mfa({
    operationId: 'enableTotp',
    path: '/mfa/totp/enable',
    summary: 'Start TOTP set-up: secret, QR code and backup codes (pending until verified)',
    auth: 'bearer',
    responses: { 200: { description: 'The TOTP secret', schema: 'TotpSetupResponse', noStore: true } },
    errors: [400],
  }),
  mfa({
    operationId: 'verifyTotp',
    path: '/mfa/totp/verify',
    summary: 'Confirm TOTP set-up with a code',
    auth: 'bearer',
    body: { schema: 'MfaCodeRequest' },
    responses: { 200: enabled },
    errors: [],
  }),
  mfa({
    operationId: 'disableTotp',
    path: '/mfa/totp/disable',
    summary: 'Turn TOTP off (TOTP or backup code)',
    auth: 'bearer',
    body: { schema: 'MfaCodeRequest' },
    responses: { 200: enabled },
    errors: [403],
  }),
  mfa({
    operationId: 'regenerateBackupCodes',
    path: '/mfa/backup-codes/regenerate',
    summary: 'A new set of backup codes; the old set dies',
    auth: 'bearer',
    body: { schema: 'MfaCodeRequest' },
    responses: { 200: { description: 'The new backup codes', schema: 'BackupCodesResponse', noStore: true } },
    errors: [403],
  }),
  mfa({
    operationId: 'enableSms',
    path: '/mfa/sms/enable',
    summary: 'Start SMS set-up: sends a 6-digit code',
    auth: 'bearer',
    body: { schema: 'SmsEnableRequest' },
    responses: { 202: { description: 'Code sent', schema: 'MessageResponse' } },
    errors: [],
  }),
  mfa({
    operationId: 'verifySms',
    path: '/mfa/sms/verify',
    summary: 'Confirm SMS set-up with the code',
    auth: 'bearer',
    body: { schema: 'MfaCodeRequest' },
    responses: { 200: enabled },
    errors: [],
  }),
  mfa({
    operationId: 'disableSms',
    path: '/mfa/sms/disable',
    summary: 'Turn SMS off',
    auth: 'bearer',
    body: { schema: 'MfaCodeRequest' },
    responses: { 200: enabled },
    errors: [403],
  }),
  mfa({
    operationId: 'sendMfaChallenge',
    path: '/mfa/challenge/send',
    summary: 'Send a sign-in code by SMS for a pending `mfa_token`',
    body: { schema: 'MfaChallengeSendRequest' },
    responses: { 202: { description: 'Code sent', schema: 'MessageResponse' } },
    errors: [],
  }),
  mfa({
    operationId: 'verifyMfaChallenge',
    path: '/mfa/challenge',
    summary: 'Finish a sign-in that answered `mfa_required`',
    tokenTransport: true,
    body: { schema: 'MfaChallengeRequest' },
    responses: { 200: { description: 'Signed in', schema: 'AuthResponse', setsRefreshCookie: true, noStore: true } },
    errors: [],
  }),
]
