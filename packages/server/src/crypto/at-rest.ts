import { open, seal } from './sealed-box'

// Stored forms: `sealed:<iv>.<ciphertext>` (AES-256-GCM under the configured secret key) or `plain:<text>`
// when no key is configured. The prefix lets a deployment add a key later: old values still read.
const SEALED = 'sealed:'
const PLAIN = 'plain:'

/**
 * Prepares a secret the server must read back later (a TOTP seed) for storage: encrypted when the server
 * has a `secretKey`, readable otherwise.
 */
export async function sealAtRest(secretKey: string | undefined, plaintext: string): Promise<string> {
  if (secretKey === undefined) return `${PLAIN}${plaintext}`
  return `${SEALED}${await seal(`at-rest:${secretKey}`, plaintext)}`
}

/**
 * Reads a value stored by {@link sealAtRest}; undefined when it cannot be opened (the key changed, or the
 * value was tampered with).
 */
export async function openAtRest(secretKey: string | undefined, stored: string): Promise<string | undefined> {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length)
  if (!stored.startsWith(SEALED) || secretKey === undefined) return undefined
  return open(`at-rest:${secretKey}`, stored.slice(SEALED.length))
}
