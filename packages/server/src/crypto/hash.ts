import { toBase64Url, utf8 } from './encoding'

/**
 * SHA-256 of a secret, base64url. Bearer secrets (refresh tokens, email tokens) carry 256 bits of entropy,
 * so a fast hash is enough to make a leaked database useless; slow hashing is only for passwords.
 */
export async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))))
}

/**
 * Compares two strings in time that depends only on their length, for secrets and digests.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = utf8(a)
  const right = utf8(b)
  // Compare against the longer length so a length mismatch costs the same as a content mismatch.
  const length = Math.max(left.length, right.length)
  let diff = left.length ^ right.length
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0)
  return diff === 0
}
