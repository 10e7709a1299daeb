import { fromBase32, toBase32 } from './base32'

/** RFC 6238 parameters the contract fixes: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6

/**
 * RFC 4226 HOTP with HMAC-SHA-1 (WebCrypto): the code for `counter` under `key`, `digits` long.
 */
export async function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): Promise<string> {
  const message = new Uint8Array(8)
  const view = new DataView(message.buffer)
  view.setUint32(0, Math.floor(counter / 2 ** 32))
  view.setUint32(4, counter >>> 0)
  const hmacKey = await crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-1' }, false, [
    'sign',
  ])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message))
  // Dynamic truncation (RFC 4226 § 5.3).
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f
  const binary =
    (((mac[offset] ?? 0) & 0x7f) << 24) |
    ((mac[offset + 1] ?? 0) << 16) |
    ((mac[offset + 2] ?? 0) << 8) |
    (mac[offset + 3] ?? 0)
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/**
 * The RFC 6238 time step of a moment (Unix ms).
 */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS)
}

/**
 * The TOTP code of a base32 secret at a moment (Unix ms).
 *
 * @example
 * ```ts
 * const code = await generateTotp('JBSWY3DPEHPK3PXP', Date.now()) // "492039"
 * ```
 */
export async function generateTotp(secret: string, nowMs: number, digits = TOTP_DIGITS): Promise<string> {
  return hotp(fromBase32(secret), totpStep(nowMs), digits)
}

/**
 * Finds the time step a code belongs to, allowing one step of clock drift either way (RFC 6238 § 5.2).
 * Returns the matching step, or undefined. Replay protection (each step accepted once) is the caller's:
 * it must record the step and refuse it, and every earlier one, afterwards.
 */
export async function matchTotp(secret: string, code: string, nowMs: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined
  const key = fromBase32(secret)
  const current = totpStep(nowMs)
  let match: number | undefined
  // Check all three steps every time, so timing does not tell which one matched.
  for (const step of [current - 1, current, current + 1]) {
    if ((await hotp(key, step)) === code && match === undefined) match = step
  }
  return match
}

/**
 * A new random TOTP secret: 160 bits (the RFC 4226 recommendation for HMAC-SHA-1), base32.
 */
export function generateTotpSecret(): string {
  return toBase32(crypto.getRandomValues(new Uint8Array(20)))
}

/**
 * The `otpauth://` URI authenticator apps import (Google's Key Uri Format): label `Issuer:account`,
 * with the issuer repeated as a parameter and the algorithm, digits and period spelled out.
 */
export function provisioningUri(options: { secret: string; issuer: string; account: string }): string {
  const label = `${encodeURIComponent(options.issuer)}:${encodeURIComponent(options.account)}`
  const params = new URLSearchParams({
    secret: options.secret,
    issuer: options.issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  })
  return `otpauth://totp/${label}?${params.toString()}`
}
