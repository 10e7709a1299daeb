import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  platformAuthenticatorIsAvailable,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser'
import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  createVirtualAuthenticator,
  installVirtualWebAuthn,
  type VirtualWebAuthn,
  type VirtualWebAuthnOptions,
} from '../index'
import { PASSWORD, post, usePlinto } from './setup'

// @simplewebauthn/browser (what the SDK uses) against the fake browser, and the reference server checking
// the result for real with @simplewebauthn/server.
const plinto = usePlinto()
const ORIGIN = 'http://localhost:5173'

const installed: VirtualWebAuthn[] = []
const install = (options: VirtualWebAuthnOptions) => {
  const webauthn = installVirtualWebAuthn(options)
  installed.push(webauthn)
  return webauthn
}
afterEach(() => {
  for (const webauthn of installed.splice(0).reverse()) webauthn.uninstall()
  vi.unstubAllGlobals()
})

async function bearerOfAda() {
  await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
  const body = await (await post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })).json()
  return { headers: { authorization: `Bearer ${body.tokens.access_token as string}` } }
}

/** `PublicKeyCredential` and `navigator` as own properties of the global object, to compare. */
const globals = () => ({
  PublicKeyCredential: Object.getOwnPropertyDescriptor(globalThis, 'PublicKeyCredential'),
  navigator: Object.getOwnPropertyDescriptor(globalThis, 'navigator'),
})

describe('installVirtualWebAuthn', () => {
  test('startRegistration / startAuthentication produce responses the reference server accepts', async () => {
    const { authenticator } = install({ origin: ORIGIN })
    expect(browserSupportsWebAuthn()).toBe(true)
    expect(await platformAuthenticatorIsAvailable()).toBe(true)
    expect(await browserSupportsWebAuthnAutofill()).toBe(false)

    const bearer = await bearerOfAda()
    const creation = await (await post('/passkeys/register/options', undefined, bearer)).json()
    const registration = await startRegistration({ optionsJSON: creation })
    expect(registration).toMatchObject({
      id: authenticator.credentials[0]!.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
    })
    const registered = await post('/passkeys/register/verify', { credential: registration, name: 'Laptop' }, bearer)
    expect(registered.status).toBe(200)
    expect(await registered.json()).toMatchObject({ name: 'Laptop', device_type: 'multiDevice', backed_up: true })

    // Discoverable (no allowCredentials), then by email (allowCredentials with the passkey).
    for (const body of [{}, { email: 'ada@example.com' }]) {
      const request = await (await post('/passkeys/authenticate/options', body)).json()
      const assertion = await startAuthentication({ optionsJSON: request })
      expect(assertion.id).toBe(authenticator.credentials[0]!.id)
      const verified = await post('/passkeys/authenticate/verify', { credential: assertion })
      expect(verified.status).toBe(200)
      expect((await verified.json()).user.email).toBe('ada@example.com')
    }
    expect(authenticator.credentials[0]!.counter).toBe(2)
    expect(plinto.countRequests('POST', '/passkeys/authenticate/verify')).toBe(2)
  })

  test('a given authenticator is used, and create() answers a PublicKeyCredential with toJSON()', async () => {
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    expect(install({ authenticator, conditionalMediation: true }).authenticator).toBe(authenticator)
    expect(await browserSupportsWebAuthnAutofill()).toBe(true)
    const bearer = await bearerOfAda()
    const creation = await (await post('/passkeys/register/options', undefined, bearer)).json()
    const registration = await startRegistration({ optionsJSON: creation })
    expect(authenticator.credentials.map((c) => c.id)).toEqual([registration.id])
    const credential = await navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32) } })
    expect(credential).toBeInstanceOf(PublicKeyCredential)
    expect((credential as unknown as { toJSON(): unknown }).toJSON()).toMatchObject({
      id: registration.id,
      response: { userHandle: creation.user.id },
    })
  })

  test('cancel: every prompt rejects with NotAllowedError and the authenticator is not asked', async () => {
    const { authenticator } = install({ origin: ORIGIN, cancel: true })
    const bearer = await bearerOfAda()
    const creation = await (await post('/passkeys/register/options', undefined, bearer)).json()
    await expect(startRegistration({ optionsJSON: creation })).rejects.toMatchObject({
      name: 'NotAllowedError',
      cause: expect.any(DOMException),
    })
    const request = await (await post('/passkeys/authenticate/options', {})).json()
    await expect(startAuthentication({ optionsJSON: request })).rejects.toMatchObject({ name: 'NotAllowedError' })
    expect(authenticator.credentials).toEqual([])
    // The same authenticator behind a browser whose user accepts.
    install({ authenticator })
    await expect(startRegistration({ optionsJSON: creation })).resolves.toMatchObject({ type: 'public-key' })
  })

  test('uninstall puts the globals back (no navigator before: none after)', () => {
    const before = globals()
    const webauthn = installVirtualWebAuthn({ origin: ORIGIN })
    expect(typeof PublicKeyCredential).toBe('function')
    expect(typeof navigator.credentials.create).toBe('function')
    webauthn.uninstall()
    expect(globals()).toEqual(before)
    webauthn.uninstall()
    expect(globals()).toEqual(before)
  })

  test('an existing navigator is kept, only its credentials shadowed; an existing PublicKeyCredential comes back', () => {
    const browserNavigator = { locks: {}, credentials: 'the browser’s own' }
    class BrowserPublicKeyCredential {}
    vi.stubGlobal('navigator', browserNavigator)
    vi.stubGlobal('PublicKeyCredential', BrowserPublicKeyCredential)
    const webauthn = installVirtualWebAuthn({ origin: ORIGIN })
    expect(navigator).toBe(browserNavigator)
    expect(navigator.credentials).not.toBe('the browser’s own')
    expect(PublicKeyCredential).not.toBe(BrowserPublicKeyCredential)
    webauthn.uninstall()
    expect(navigator).toBe(browserNavigator)
    expect(browserNavigator.credentials).toBe('the browser’s own')
    expect(PublicKeyCredential).toBe(BrowserPublicKeyCredential)
  })

  test('unsupported: a browser without WebAuthn until uninstall', async () => {
    const browserNavigator = { credentials: 'the browser’s own' }
    class BrowserPublicKeyCredential {}
    vi.stubGlobal('navigator', browserNavigator)
    vi.stubGlobal('PublicKeyCredential', BrowserPublicKeyCredential)
    const webauthn = installVirtualWebAuthn({ origin: ORIGIN, unsupported: true })
    expect(browserSupportsWebAuthn()).toBe(false)
    expect((globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential).toBeUndefined()
    expect(navigator.credentials).toBeUndefined()
    await expect(
      startRegistration({
        optionsJSON: {
          challenge: 'AA',
          rp: { name: 'x' },
          user: { id: 'AA', name: 'x', displayName: 'x' },
          pubKeyCredParams: [],
        },
      }),
    ).rejects.toThrow('WebAuthn is not supported in this browser')
    webauthn.uninstall()
    expect(PublicKeyCredential).toBe(BrowserPublicKeyCredential)
    expect(browserNavigator.credentials).toBe('the browser’s own')
    expect(browserSupportsWebAuthn()).toBe(true)
  })
})
