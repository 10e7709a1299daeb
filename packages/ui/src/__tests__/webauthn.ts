import { vi } from 'vitest'
import { createVirtualAuthenticator, type CreationOptionsInput, type VirtualAuthenticator } from '@plinto/testing'

/** The reference server's default WebAuthn origin (its `appUrl`). */
export const WEBAUTHN_ORIGIN = 'http://localhost:5173'

type Binary = ArrayBuffer | ArrayBufferView
const toB64 = (value: Binary) => Buffer.from(value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)).toString('base64url')
const toBuffer = (text: string): ArrayBuffer => new Uint8Array(Buffer.from(text, 'base64url')).buffer

interface PublicKeyInput {
  challenge: Binary
  user?: { id: Binary; name: string; displayName: string }
  excludeCredentials?: Array<{ id: Binary }>
  allowCredentials?: Array<{ id: Binary }>
  [key: string]: unknown
}

/**
 * A browser with WebAuthn (as packages/core's passkey tests do it): `PublicKeyCredential` exists and
 * `navigator.credentials` is backed by @plinto/testing's software authenticator — what
 * @simplewebauthn/browser hands to create()/get() goes in as JSON, the authenticator's JSON comes back as
 * a PublicKeyCredential-like object. `refuse` makes the prompt fail (e.g. a NotAllowedError: dismissed).
 * Undo with `vi.unstubAllGlobals()` and `uninstallWebAuthn()`.
 */
export function installWebAuthn(authenticator: VirtualAuthenticator = createVirtualAuthenticator({ origin: WEBAUTHN_ORIGIN }), refuse?: () => Error) {
  vi.stubGlobal('PublicKeyCredential', class PublicKeyCredential {})
  const credentials = {
    async create({ publicKey }: { publicKey: PublicKeyInput }) {
      if (refuse) throw refuse()
      const json = await authenticator.createCredential({
        ...(publicKey as unknown as CreationOptionsInput),
        challenge: toB64(publicKey.challenge),
        user: { ...publicKey.user!, id: toB64(publicKey.user!.id) },
        excludeCredentials: (publicKey.excludeCredentials ?? []).map((c) => ({ id: toB64(c.id) })),
      })
      return {
        id: json.id,
        rawId: toBuffer(json.rawId),
        type: json.type,
        authenticatorAttachment: json.authenticatorAttachment,
        getClientExtensionResults: () => json.clientExtensionResults,
        response: {
          clientDataJSON: toBuffer(json.response.clientDataJSON),
          attestationObject: toBuffer(json.response.attestationObject),
          getTransports: () => json.response.transports,
          getPublicKeyAlgorithm: () => json.response.publicKeyAlgorithm,
          getPublicKey: () => toBuffer(json.response.publicKey),
          getAuthenticatorData: () => toBuffer(json.response.authenticatorData),
        },
      }
    },
    async get({ publicKey }: { publicKey: PublicKeyInput }) {
      if (refuse) throw refuse()
      const json = await authenticator.getAssertion({
        ...(publicKey as object),
        challenge: toB64(publicKey.challenge),
        ...(publicKey.allowCredentials ? { allowCredentials: publicKey.allowCredentials.map((c) => ({ id: toB64(c.id) })) } : {}),
      })
      return {
        id: json.id,
        rawId: toBuffer(json.rawId),
        type: json.type,
        authenticatorAttachment: json.authenticatorAttachment,
        getClientExtensionResults: () => json.clientExtensionResults,
        response: {
          clientDataJSON: toBuffer(json.response.clientDataJSON),
          authenticatorData: toBuffer(json.response.authenticatorData),
          signature: toBuffer(json.response.signature),
          userHandle: json.response.userHandle ? toBuffer(json.response.userHandle) : null,
        },
      }
    },
  }
  // jsdom's navigator stays (user-event and React read it); only `credentials` is added to it.
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true })
  return authenticator
}

/** Removes what {@link installWebAuthn} added. */
export function uninstallWebAuthn() {
  vi.unstubAllGlobals()
  delete (navigator as { credentials?: unknown }).credentials
}
