import { fromBase64Url, toBase64Url, utf8 } from './encoding'

/**
 * Encrypts `plaintext` under a key derived from `secret` (AES-256-GCM, key = SHA-256 of a domain-separated
 * `secret`). Used to keep a rotated refresh token's successor pair for the grace window without storing it
 * readable: only someone who presents the old refresh token again can open it, and the store holds only
 * that token's (differently prefixed) hash.
 */
export async function seal(secret: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFor(secret), utf8(plaintext))
  return `${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`
}

/** Opens a {@link seal}ed box; `undefined` if the secret is wrong or the box was tampered with. */
export async function open(secret: string, box: string): Promise<string | undefined> {
  const [ivText, dataText] = box.split('.')
  if (!ivText || !dataText) return undefined
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(fromBase64Url(ivText)) },
      await keyFor(secret),
      new Uint8Array(fromBase64Url(dataText)),
    )
    return new TextDecoder().decode(plaintext)
  } catch {
    return undefined
  }
}

async function keyFor(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.digest('SHA-256', utf8(`plinto-sealed-box:${secret}`))
  return crypto.subtle.importKey('raw', material, 'AES-GCM', false, ['encrypt', 'decrypt'])
}
