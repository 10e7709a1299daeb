import { createVirtualAuthenticator, type CreationOptionsInput } from '@plinto/testing'

/** The reference server's default WebAuthn origin (its `appUrl`), which the virtual authenticator signs for. */
const ORIGIN = 'http://localhost:5173'

type Binary = ArrayBuffer | ArrayBufferView
const bytes = (value: Binary) => (value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
const toB64 = (value: Binary) => btoa(String.fromCharCode(...bytes(value))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const toBuffer = (text: string): ArrayBuffer => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0)).buffer
}

const original = {
  PublicKeyCredential: (window as { PublicKeyCredential?: unknown }).PublicKeyCredential,
}

/** Puts the browser's own WebAuthn back (before every story). */
export function restoreWebAuthn() {
  delete (navigator as { credentials?: unknown }).credentials
  ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = original.PublicKeyCredential
}

/** A browser without passkeys: `PublicKeyCredential` is gone (the components then explain instead). */
export function removeWebAuthn() {
  ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = undefined
}

/**
 * Replaces `navigator.credentials` with @plinto/testing's software authenticator, so passkey stories
 * register and sign in against the mock backend without a real prompt.
 */
export function installVirtualWebAuthn() {
  const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
  if (!original.PublicKeyCredential) (window as { PublicKeyCredential?: unknown }).PublicKeyCredential = class PublicKeyCredential {}
  type PublicKeyInput = { challenge: Binary; user?: { id: Binary; name: string; displayName: string }; excludeCredentials?: Array<{ id: Binary }>; allowCredentials?: Array<{ id: Binary }> }
  const credentials = {
    async create({ publicKey }: { publicKey: PublicKeyInput }) {
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
      const json = await authenticator.getAssertion({
        ...(publicKey as object),
        challenge: toB64(publicKey.challenge),
        ...(publicKey.allowCredentials ? { allowCredentials: publicKey.allowCredentials.map((c) => ({ id: toB64(c.id) })) } : {}),
      } as never)
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
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true })
  return authenticator
}
