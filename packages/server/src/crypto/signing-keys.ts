import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose'
import { randomToken } from './random'

/**
 * One ES256 signing key as it is stored and passed around: JSON-serialisable, so the file store can keep
 * it and a deployment can inject it (`createPlintoApp({ keys: [key] })`).
 *
 * @example
 * ```ts
 * const key: SigningKeyRecord = JSON.parse(process.env.PLINTO_SIGNING_KEY!)
 * createPlintoApp({ keys: [key] })
 * ```
 */
export interface SigningKeyRecord {
  /** Key ID, the JWT header `kid` and the JWKS entry's `kid`. */
  kid: string
  alg: 'ES256'
  /** Private key, JWK (keep secret). */
  private_jwk: JWK
  /** Public half, what `/.well-known/jwks.json` publishes. */
  public_jwk: JWK
  /** Unix ms. */
  created_at: number
}

/**
 * Generates a fresh ES256 signing key.
 *
 * @example
 * ```ts
 * const key = await generateSigningKey(Date.now())
 * const app = createPlintoApp({ keys: [key] }) // tokens survive an app re-creation with the same key
 * ```
 */
export async function generateSigningKey(nowMs: number): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = `key_${randomToken(12)}`
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' }
  return { kid, alg: 'ES256', private_jwk: privateJwk, public_jwk: publicJwk, created_at: nowMs }
}

/** The loaded keys: the newest signs; all verify (so a rotation does not log everybody out). */
export interface KeyRing {
  signingKid: string
  signingKey: CryptoKey
  verificationKeys: ReadonlyMap<string, CryptoKey>
  /** The JWKS document. */
  jwks: { keys: JWK[] }
}

/**
 * Imports key records into a {@link KeyRing}; the first record signs.
 */
export async function loadKeyRing(records: readonly SigningKeyRecord[]): Promise<KeyRing> {
  const [first] = records
  if (!first) throw new TypeError('At least one signing key is required')
  const verificationKeys = new Map<string, CryptoKey>()
  for (const record of records) {
    if (record.alg !== 'ES256') throw new TypeError(`Signing key ${record.kid} must be ES256`)
    verificationKeys.set(record.kid, (await importJWK({ ...record.public_jwk, kid: record.kid }, 'ES256')) as CryptoKey)
  }
  const signingKey = (await importJWK(first.private_jwk, 'ES256')) as CryptoKey
  const jwks = {
    keys: records.map(({ kid, public_jwk }) => {
      // Publish the public parameters only, whatever else the stored JWK carries.
      const { kty, crv, x, y } = public_jwk
      return { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' } as JWK
    }),
  }
  return { signingKid: first.kid, signingKey, verificationKeys, jwks }
}
