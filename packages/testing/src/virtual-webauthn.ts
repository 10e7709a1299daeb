import {
  createVirtualAuthenticator,
  type AuthenticationCredentialJSON,
  type CreationOptionsInput,
  type RegistrationCredentialJSON,
  type RequestOptionsInput,
  type VirtualAuthenticator,
  type VirtualAuthenticatorOptions,
} from './virtual-authenticator'
import { fromBase64Url, toBase64Url } from './webauthn-bytes'

/**
 * How the installed browser behaves, whichever authenticator stands behind it.
 *
 * @example
 * ```ts
 * const dismissed: VirtualWebAuthnBehaviour = { cancel: true }
 * ```
 */
export interface VirtualWebAuthnBehaviour {
  /**
   * The user dismisses every prompt: `navigator.credentials.create()` and `get()` reject with a
   * `NotAllowedError` DOMException before the authenticator is asked. Default false.
   */
  cancel?: boolean
  /**
   * A browser without WebAuthn: `PublicKeyCredential` and `navigator.credentials` are removed (until
   * `uninstall()`), as in an old browser or an insecure page. Default false.
   */
  unsupported?: boolean
  /**
   * What `PublicKeyCredential.isConditionalMediationAvailable()` (passkey autofill) resolves with. Default
   * false: a conditional `get()` would resolve at once with the first matching credential, where a real
   * browser waits for the user to pick one in the autofill list.
   */
  conditionalMediation?: boolean
}

/**
 * What {@link installVirtualWebAuthn} takes: the {@link VirtualAuthenticatorOptions} of a new authenticator
 * (`origin` is required), or an `authenticator` of your own (e.g. to keep its passkeys across installs),
 * plus the {@link VirtualWebAuthnBehaviour}.
 *
 * @example
 * ```ts
 * const options: VirtualWebAuthnOptions = { origin: 'http://localhost:5173', cancel: true }
 * ```
 */
export type VirtualWebAuthnOptions = VirtualWebAuthnBehaviour &
  (VirtualAuthenticatorOptions | { authenticator: VirtualAuthenticator })

/**
 * What {@link installVirtualWebAuthn} returns.
 *
 * @example
 * ```ts
 * const { authenticator, uninstall } = installVirtualWebAuthn({ origin: 'http://localhost:5173' })
 * ```
 */
export interface VirtualWebAuthn {
  /** The software authenticator behind `navigator.credentials` (its `credentials` are the passkeys made). */
  readonly authenticator: VirtualAuthenticator
  /** Puts back the `PublicKeyCredential` and `navigator.credentials` there were before. Idempotent. */
  uninstall(): void
}

type Binary = ArrayBuffer | ArrayBufferView
interface Descriptor {
  id: Binary
  [key: string]: unknown
}
/** The `publicKey` @simplewebauthn/browser passes to `navigator.credentials.create()`/`get()`. */
interface PublicKeyInput {
  challenge: Binary
  user?: { id: Binary; name: string; displayName: string }
  excludeCredentials?: Descriptor[]
  allowCredentials?: Descriptor[]
  [key: string]: unknown
}
interface CredentialRequest {
  publicKey: PublicKeyInput
  signal?: AbortSignal
  mediation?: string
}

const b64 = (value: Binary) =>
  toBase64Url(
    value instanceof ArrayBuffer
      ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
  )
const buffer = (text: string): ArrayBuffer => fromBase64Url(text).buffer
const descriptorsJSON = (list: Descriptor[] | undefined) =>
  list?.map((descriptor) => ({ ...descriptor, id: b64(descriptor.id) }))

/**
 * Installs a browser with WebAuthn onto `globalThis`, backed by a {@link createVirtualAuthenticator}
 * software authenticator: a `PublicKeyCredential` class (with `isUserVerifyingPlatformAuthenticatorAvailable()`,
 * `isConditionalMediationAvailable()` and `getClientCapabilities()`, which @simplewebauthn/browser v14 checks)
 * and a `navigator.credentials` whose `create()`/`get()` turn the binary options @simplewebauthn/browser
 * passes into the authenticator's JSON and answer with PublicKeyCredential-shaped objects (ArrayBuffers,
 * `getTransports()`, `getPublicKey()`, … and `toJSON()`). So `startRegistration()`/`startAuthentication()` —
 * and the SDK's `passkeys.registerPasskey()`/`authenticatePasskey()` — run unchanged, against the reference
 * server of `createPlintoHandlers` (its default `appUrl` is the origin `http://localhost:5173`).
 *
 * Web APIs only (no test runner, no Node built-ins): it works in vitest (node, jsdom, happy-dom), in
 * Storybook and in a browser. An existing `navigator` is kept (only its `credentials` is shadowed); without
 * one (Node 20) a `navigator` holding only `credentials` is added. Call `uninstall()` after each test;
 * nested installs must be uninstalled in reverse order.
 *
 * @example
 * ```ts
 * import { installVirtualWebAuthn } from '@plinto/testing'
 * import { afterEach, expect, test } from 'vitest'
 *
 * let webauthn: ReturnType<typeof installVirtualWebAuthn> | undefined
 * afterEach(() => webauthn?.uninstall())
 *
 * test('a passkey signs in', async () => {
 *   webauthn = installVirtualWebAuthn({ origin: 'http://localhost:5173' })
 *   await signedInClient.passkeys.registerPasskey({ name: 'Laptop' })
 *   expect(webauthn.authenticator.credentials).toHaveLength(1)
 *   await signedInClient.auth.signOut()
 *   await signedInClient.passkeys.authenticatePasskey()
 * })
 *
 * test('a dismissed prompt', async () => {
 *   webauthn = installVirtualWebAuthn({ origin: 'http://localhost:5173', cancel: true }) // NotAllowedError
 * })
 *
 * test('an old browser', async () => {
 *   webauthn = installVirtualWebAuthn({ origin: 'http://localhost:5173', unsupported: true }) // no WebAuthn
 * })
 * ```
 */
export function installVirtualWebAuthn(options: VirtualWebAuthnOptions): VirtualWebAuthn {
  const authenticator = 'authenticator' in options ? options.authenticator : createVirtualAuthenticator(options)
  const scope = globalThis as { navigator?: object }
  const restores: Array<() => void> = []

  if (options.unsupported) {
    restores.push(replaceProperty(globalThis, 'PublicKeyCredential', undefined))
    if (scope.navigator) restores.push(replaceProperty(scope.navigator, 'credentials', undefined))
  } else {
    const credentials = virtualCredentials(authenticator, options)
    restores.push(replaceProperty(globalThis, 'PublicKeyCredential', { value: credentials.PublicKeyCredential }))
    if (scope.navigator)
      restores.push(replaceProperty(scope.navigator, 'credentials', { value: credentials.container }))
    else restores.push(replaceProperty(globalThis, 'navigator', { value: { credentials: credentials.container } }))
  }

  return {
    authenticator,
    uninstall() {
      for (const restore of restores.splice(0).reverse()) restore()
    },
  }
}

/** The fake `PublicKeyCredential` class and `CredentialsContainer` over `authenticator`. */
function virtualCredentials(authenticator: VirtualAuthenticator, behaviour: VirtualWebAuthnBehaviour) {
  class PublicKeyCredential {
    readonly id: string
    readonly rawId: ArrayBuffer
    readonly type = 'public-key'
    readonly authenticatorAttachment: string
    readonly response: object
    readonly #json: RegistrationCredentialJSON | AuthenticationCredentialJSON

    constructor(json: RegistrationCredentialJSON | AuthenticationCredentialJSON, response: object) {
      this.#json = json
      this.id = json.id
      this.rawId = buffer(json.rawId)
      this.authenticatorAttachment = json.authenticatorAttachment
      this.response = response
    }

    getClientExtensionResults() {
      return this.#json.clientExtensionResults
    }

    toJSON() {
      return this.#json
    }

    static async isUserVerifyingPlatformAuthenticatorAvailable() {
      return true
    }

    static async isConditionalMediationAvailable() {
      return behaviour.conditionalMediation ?? false
    }

    static async getClientCapabilities() {
      return {
        conditionalCreate: false,
        conditionalGet: behaviour.conditionalMediation ?? false,
        hybridTransport: false,
        passkeyPlatformAuthenticator: true,
        userVerifyingPlatformAuthenticator: true,
        relatedOrigins: false,
        signalAllAcceptedCredentials: false,
        signalCurrentUserDetails: false,
        signalUnknownCredential: false,
      }
    }
  }

  /** What every prompt checks first: an aborted request, a dismissing user. */
  const prompt = (signal: AbortSignal | undefined) => {
    if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
    if (behaviour.cancel)
      throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError')
  }

  const container = {
    async create({ publicKey, signal }: CredentialRequest) {
      prompt(signal)
      const json = await authenticator.createCredential({
        ...(publicKey as unknown as CreationOptionsInput),
        challenge: b64(publicKey.challenge),
        // biome-ignore lint/style/noNonNullAssertion: create() options always carry the user (PublicKeyInput also types get())
        user: { ...publicKey.user!, id: b64(publicKey.user!.id) },
        excludeCredentials: descriptorsJSON(publicKey.excludeCredentials),
      })
      return new PublicKeyCredential(json, {
        clientDataJSON: buffer(json.response.clientDataJSON),
        attestationObject: buffer(json.response.attestationObject),
        getTransports: () => json.response.transports,
        getPublicKeyAlgorithm: () => json.response.publicKeyAlgorithm,
        getPublicKey: () => buffer(json.response.publicKey),
        getAuthenticatorData: () => buffer(json.response.authenticatorData),
      })
    },
    async get({ publicKey, signal }: CredentialRequest) {
      prompt(signal)
      const json = await authenticator.getAssertion({
        ...(publicKey as unknown as RequestOptionsInput),
        challenge: b64(publicKey.challenge),
        allowCredentials: descriptorsJSON(publicKey.allowCredentials),
      })
      return new PublicKeyCredential(json, {
        clientDataJSON: buffer(json.response.clientDataJSON),
        authenticatorData: buffer(json.response.authenticatorData),
        signature: buffer(json.response.signature),
        userHandle: json.response.userHandle ? buffer(json.response.userHandle) : null,
      })
    },
  }

  return { PublicKeyCredential, container }
}

/**
 * Gives `target` an own `key` property of `descriptor.value` (configurable, writable) — or removes `key`
 * when `descriptor` is undefined — and returns how to put back the own property there was before.
 */
function replaceProperty(target: object, key: PropertyKey, descriptor: { value: unknown } | undefined): () => void {
  const previous = Object.getOwnPropertyDescriptor(target, key)
  const own = (value: unknown) =>
    Object.defineProperty(target, key, { value, configurable: true, writable: true, enumerable: false })
  if (descriptor) own(descriptor.value)
  else {
    delete (target as Record<PropertyKey, unknown>)[key]
    // Still there through the prototype chain (e.g. `Navigator.prototype.credentials`): shadow it.
    if ((target as Record<PropertyKey, unknown>)[key] !== undefined) own(undefined)
  }
  return () => {
    if (previous) Object.defineProperty(target, key, previous)
    else delete (target as Record<PropertyKey, unknown>)[key]
  }
}
