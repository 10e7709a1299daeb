import { fromBase64Url, toBase64Url, utf8 } from './encoding'
import { constantTimeEqual } from './hash'

/**
 * Password hashing: PBKDF2-HMAC-SHA256 through WebCrypto (the one slow KDF every runtime ships), a
 * 16-byte random salt per hash, and the parameters stored with the hash
 * (`pbkdf2-sha256$<iterations>$<salt>$<hash>`) so the cost can be raised later: {@link needsRehash} tells
 * the sign-in path to re-hash with the current cost.
 */
const ALGORITHM = 'pbkdf2-sha256'
const SALT_BYTES = 16
const HASH_BITS = 256

/**
 * Hashes a password for storage.
 */
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await derive(password, salt, iterations)
  return `${ALGORITHM}$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`
}

/**
 * Checks a password against a stored hash. A malformed stored value verifies as false rather than throwing,
 * so a corrupted row cannot be told apart from a wrong password.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed) return false
  const hash = await derive(password, parsed.salt, parsed.iterations)
  return constantTimeEqual(toBase64Url(hash), toBase64Url(parsed.hash))
}

/**
 * True when a stored hash was made with other parameters than `iterations` (cost raised or lowered).
 */
export function needsRehash(stored: string, iterations: number): boolean {
  return parse(stored)?.iterations !== iterations
}

/**
 * A hash of a password nobody knows, made once per cost. Sign-in for an unknown account verifies against
 * it so that "no such user" costs the same time as "wrong password".
 */
export async function dummyHash(iterations: number): Promise<string> {
  let pending = dummies.get(iterations)
  if (!pending) {
    pending = hashPassword(toBase64Url(crypto.getRandomValues(new Uint8Array(32))), iterations)
    dummies.set(iterations, pending)
  }
  return pending
}
const dummies = new Map<number, Promise<string>>()

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    key,
    HASH_BITS,
  )
  return new Uint8Array(bits)
}

function parse(stored: string): { iterations: number; salt: Uint8Array; hash: Uint8Array } | undefined {
  const [algorithm, iterationsText, saltText, hashText, ...rest] = stored.split('$')
  if (algorithm !== ALGORITHM || rest.length > 0 || !iterationsText || !saltText || !hashText) return undefined
  const iterations = Number(iterationsText)
  if (!Number.isSafeInteger(iterations) || iterations <= 0) return undefined
  try {
    return { iterations, salt: fromBase64Url(saltText), hash: fromBase64Url(hashText) }
  } catch {
    return undefined
  }
}
