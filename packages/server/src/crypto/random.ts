import { toBase64Url } from './encoding'

/**
 * A URL-safe random secret of `bytes` bytes from the platform CSPRNG. 32 bytes (256 bits) is the default
 * for anything that grants access: refresh tokens, email links.
 */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}

/**
 * An opaque prefixed ID (`usr_…`, `sess_…`). 16 random bytes: unguessable, so IDs leak nothing about
 * order or volume.
 */
export function randomId(prefix: string): string {
  return `${prefix}_${randomToken(16)}`
}
