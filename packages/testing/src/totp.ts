import { generateTotp } from '@plinto/server'

/**
 * The current TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret, as an authenticator app
 * would show it. Pass the server clock's time to stay in step with a moved clock.
 *
 * @example
 * ```ts
 * const { secret } = await (await post('/mfa/totp/enable', {}, token)).json()
 * await post('/mfa/totp/verify', { code: await totp(secret, plinto.clock.now()) }, token)
 * ```
 */
export function totp(secret: string, at: number = Date.now()): Promise<string> {
  return generateTotp(secret, at)
}
