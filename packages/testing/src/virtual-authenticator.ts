// About 300 lines: one authenticator's state and both WebAuthn ceremonies over it (registration and
// assertion share the credential store and the signature counter); the byte helpers live apart.

import { encodeCbor, type CborValue } from './cbor'
import { concat, fromBase64Url, rawSignatureToDer, toBase64Url, uint16, uint32 } from './webauthn-bytes'

/**
 * What {@link createVirtualAuthenticator} takes.
 *
 * @example
 * ```ts
 * const options: VirtualAuthenticatorOptions = { origin: 'http://localhost:5173' }
 * ```
 */
export interface VirtualAuthenticatorOptions {
  /** The page origin the "browser" reports in clientDataJSON, e.g. `http://localhost:5173`. */
  origin: string
  /** RP ID used when the options do not name one. Default: the origin's host name. */
  rpId?: string
  /** Report the credential as synced (backup eligible and backed up, `multiDevice`). Default true. */
  backedUp?: boolean
  /** Set the user-verified flag (a PIN or biometric check). Default true. */
  userVerification?: boolean
  /** `authenticatorAttachment` reported. Default `platform`. */
  attachment?: 'platform' | 'cross-platform'
}

/**
 * A credential the authenticator holds (a resident key).
 *
 * @example
 * ```ts
 * const [credential] = authenticator.credentials
 * credential?.counter // 1 after one assertion
 * ```
 */
export interface VirtualCredential {
  /** base64url credential ID. */
  id: string
  rpId: string
  /** base64url `user.id` from the creation options (the `userHandle` of assertions). */
  userHandle: string
  /** Signature counter of the next assertion minus one. */
  counter: number
  readonly privateKey: CryptoKey
  readonly publicKey: CryptoKey
}

/**
 * The JSON `startRegistration()` of @simplewebauthn/browser resolves with.
 *
 * @example
 * ```ts
 * const credential: RegistrationCredentialJSON = await authenticator.createCredential(optionsJSON)
 * ```
 */
export interface RegistrationCredentialJSON {
  id: string
  rawId: string
  type: 'public-key'
  authenticatorAttachment: 'platform' | 'cross-platform'
  clientExtensionResults: Record<string, unknown>
  response: {
    clientDataJSON: string
    attestationObject: string
    authenticatorData: string
    transports: string[]
    publicKeyAlgorithm: number
    publicKey: string
  }
}

/**
 * The JSON `startAuthentication()` of @simplewebauthn/browser resolves with.
 *
 * @example
 * ```ts
 * const assertion: AuthenticationCredentialJSON = await authenticator.getAssertion(optionsJSON)
 * ```
 */
export interface AuthenticationCredentialJSON {
  id: string
  rawId: string
  type: 'public-key'
  authenticatorAttachment: 'platform' | 'cross-platform'
  clientExtensionResults: Record<string, unknown>
  response: {
    clientDataJSON: string
    authenticatorData: string
    signature: string
    userHandle?: string
  }
}

/**
 * The parts of PublicKeyCredentialCreationOptionsJSON the authenticator reads.
 *
 * @example
 * ```ts
 * const options: CreationOptionsInput = await (await post('/passkeys/register/options', {}, token)).json()
 * const credential = await authenticator.createCredential(options)
 * ```
 */
export interface CreationOptionsInput {
  challenge: string
  rp: { id?: string; name: string }
  user: { id: string; name: string; displayName: string }
  pubKeyCredParams: Array<{ type: string; alg: number }>
  excludeCredentials?: Array<{ id: string }>
}

/**
 * The parts of PublicKeyCredentialRequestOptionsJSON the authenticator reads.
 *
 * @example
 * ```ts
 * const options: RequestOptionsInput = await (await post('/passkeys/authenticate/options', {})).json()
 * const assertion = await authenticator.getAssertion(options)
 * ```
 */
export interface RequestOptionsInput {
  challenge: string
  rpId?: string
  allowCredentials?: Array<{ id: string }>
}

/**
 * Per-call overrides, for tests of what a server must refuse.
 *
 * @example
 * ```ts
 * await authenticator.getAssertion(options, { origin: 'https://evil.example' })
 * ```
 */
export interface CeremonyOverrides {
  /** Report another page origin in clientDataJSON. */
  origin?: string
  /** Use this credential (by ID) rather than the first one that matches the options. */
  credentialId?: string
}

/**
 * A software WebAuthn authenticator.
 *
 * @example
 * ```ts
 * const authenticator = createVirtualAuthenticator({ origin: 'http://localhost:5173' })
 * const registration = await authenticator.createCredential(await post('/passkeys/register/options'))
 * ```
 */
export interface VirtualAuthenticator {
  /** `navigator.credentials.create()` followed by @simplewebauthn/browser's JSON encoding. */
  createCredential(options: CreationOptionsInput, overrides?: CeremonyOverrides): Promise<RegistrationCredentialJSON>
  /** `navigator.credentials.get()` followed by @simplewebauthn/browser's JSON encoding. */
  getAssertion(options: RequestOptionsInput, overrides?: CeremonyOverrides): Promise<AuthenticationCredentialJSON>
  /** The credentials created so far, oldest first. */
  readonly credentials: readonly VirtualCredential[]
  /** Sets a credential's counter (the next assertion reports `counter + 1`); e.g. to simulate a clone. */
  setCounter(credentialId: string, counter: number): void
}

/**
 * Creates a software authenticator for tests: ES256 (WebCrypto P-256) credentials, `none` attestation,
 * authenticator data with the RP ID hash, flags (UP, UV, AT, BE/BS) and counter, attested credential data
 * with a COSE key, clientDataJSON, and DER-encoded ES256 assertion signatures. Its output is exactly the
 * JSON @simplewebauthn/browser's `startRegistration`/`startAuthentication` return, so it can stand behind a
 * fake `navigator.credentials` or be posted to the server directly. Credentials are discoverable
 * (resident): an assertion without `allowCredentials` uses the first credential of the RP ID.
 *
 * @example
 * ```ts
 * import { createVirtualAuthenticator } from '@plinto/testing'
 * const authenticator = createVirtualAuthenticator({ origin: 'http://localhost:5173' })
 * const options = await (await post('/passkeys/register/options', {}, token)).json()
 * await post('/passkeys/register/verify', { credential: await authenticator.createCredential(options) }, token)
 * const request = await (await post('/passkeys/authenticate/options', {})).json()
 * const { user, tokens } = await (
 *   await post('/passkeys/authenticate/verify', { credential: await authenticator.getAssertion(request) })
 * ).json()
 * ```
 */
export function createVirtualAuthenticator(options: VirtualAuthenticatorOptions): VirtualAuthenticator {
  const defaultRpId = options.rpId ?? new URL(options.origin).hostname
  const backedUp = options.backedUp ?? true
  const userVerified = options.userVerification ?? true
  const attachment = options.attachment ?? 'platform'
  const credentials: VirtualCredential[] = []

  const flags = (attested: boolean) =>
    0x01 | (userVerified ? 0x04 : 0) | (backedUp ? 0x08 | 0x10 : 0) | (attested ? 0x40 : 0)
  /** What registration and assertion JSON share around their `response`. */
  const envelope = (credential: VirtualCredential) =>
    ({
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: attachment,
      clientExtensionResults: {},
    }) as const

  return {
    get credentials() {
      return credentials
    },

    async createCredential(creation, overrides = {}) {
      if (!creation.pubKeyCredParams.some((p) => p.type === 'public-key' && p.alg === -7)) {
        throw new DOMException('The authenticator supports ES256 only', 'NotSupportedError')
      }
      const rpId = creation.rp.id ?? defaultRpId
      const excluded = new Set((creation.excludeCredentials ?? []).map((c) => c.id))
      if (credentials.some((c) => c.rpId === rpId && excluded.has(c.id))) {
        throw new DOMException('A credential of this authenticator is excluded', 'InvalidStateError')
      }
      const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair
      const rawId = crypto.getRandomValues(new Uint8Array(16))
      const credential: VirtualCredential = {
        id: toBase64Url(rawId),
        rpId,
        userHandle: creation.user.id,
        counter: 0,
        privateKey: keys.privateKey,
        publicKey: keys.publicKey,
      }
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey))
      const coseKey = encodeCbor(
        new Map<CborValue, CborValue>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, raw.slice(1, 33)], // x
          [-3, raw.slice(33, 65)], // y
        ]),
      )
      const attestedData = concat(new Uint8Array(16) /* AAGUID: none */, uint16(rawId.length), rawId, coseKey)
      const authenticatorData = concat(
        await rpIdHash(rpId),
        new Uint8Array([flags(true)]),
        uint32(credential.counter),
        attestedData,
      )
      const attestationObject = encodeCbor(
        new Map<CborValue, CborValue>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authenticatorData],
        ]),
      )
      credentials.push(credential)
      return {
        ...envelope(credential),
        response: {
          clientDataJSON: clientData('webauthn.create', creation.challenge, overrides.origin ?? options.origin),
          attestationObject: toBase64Url(attestationObject),
          authenticatorData: toBase64Url(authenticatorData),
          transports: attachment === 'platform' ? ['hybrid', 'internal'] : ['usb'],
          publicKeyAlgorithm: -7,
          publicKey: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey))),
        },
      }
    },

    async getAssertion(request, overrides = {}) {
      const rpId = request.rpId ?? defaultRpId
      const allowed = request.allowCredentials?.map((c) => c.id) ?? []
      const credential = credentials.find(
        (c) =>
          c.rpId === rpId &&
          (overrides.credentialId === undefined || c.id === overrides.credentialId) &&
          (allowed.length === 0 || allowed.includes(c.id)),
      )
      if (!credential)
        throw new DOMException('No credential of this authenticator matches the request', 'NotAllowedError')
      credential.counter++
      const authenticatorData = concat(await rpIdHash(rpId), new Uint8Array([flags(false)]), uint32(credential.counter))
      const clientDataJSON = clientData('webauthn.get', request.challenge, overrides.origin ?? options.origin)
      const clientDataHash = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64Url(clientDataJSON)))
      const signature = new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          credential.privateKey,
          concat(authenticatorData, clientDataHash),
        ),
      )
      return {
        ...envelope(credential),
        response: {
          clientDataJSON,
          authenticatorData: toBase64Url(authenticatorData),
          signature: toBase64Url(rawSignatureToDer(signature)),
          userHandle: credential.userHandle,
        },
      }
    },

    setCounter(credentialId, counter) {
      const credential = credentials.find((c) => c.id === credentialId)
      if (!credential) throw new Error(`No credential ${credentialId}`)
      credential.counter = counter
    },
  }
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false })))
}

async function rpIdHash(rpId: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(rpId)))
}
