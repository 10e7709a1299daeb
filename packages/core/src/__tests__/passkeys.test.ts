import { installVirtualWebAuthn, type VirtualWebAuthn, type VirtualWebAuthnOptions } from '@plinto/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'
/** The reference server's default WebAuthn origin (its `appUrl`). */
const ORIGIN = 'http://localhost:5173'

/**
 * A browser with WebAuthn whose `navigator.credentials` is backed by the software authenticator of
 * @plinto/testing (`installVirtualWebAuthn`); undone after the test.
 */
let webauthn: VirtualWebAuthn | undefined
const installWebAuthn = (options: VirtualWebAuthnOptions) => (webauthn = installVirtualWebAuthn(options))
afterEach(() => {
  webauthn?.uninstall()
  webauthn = undefined
  vi.unstubAllGlobals()
})

async function signedIn() {
  await backend.seedUser({ email: EMAIL, password: PASSWORD })
  const plinto = client()
  await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
  return plinto
}

describe('passkeys', () => {
  it('register → sign out → sign in with the passkey (discoverable), through @simplewebauthn/browser', async () => {
    const { authenticator } = installWebAuthn({ origin: ORIGIN })
    const plinto = await signedIn()
    const passkey = await plinto.passkeys.registerPasskey({ name: 'Laptop' })
    expect(passkey).toMatchObject({ name: 'Laptop', device_type: 'multiDevice', backed_up: true, last_used_at: null })
    expect(authenticator.credentials).toHaveLength(1)
    // What the server got is the JSON of @simplewebauthn/browser's startRegistration.
    expect(backend.requests.at(-1)!.body).toMatchObject({
      name: 'Laptop',
      credential: { id: authenticator.credentials[0]!.id, type: 'public-key' },
    })

    await plinto.auth.signOut()
    const events = recordEvents(plinto)
    const { user } = await plinto.passkeys.authenticatePasskey()
    expect(user.email).toBe(EMAIL)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(events.signedIn).toHaveLength(1)
    expect(backend.countRequests('POST', '/passkeys/authenticate/options')).toBe(1)
    expect((await plinto.passkeys.listPasskeys()).passkeys[0]!.last_used_at).not.toBeNull()
  })

  it("the docs' auth.registerPasskey / auth.authenticatePasskey, with an email", async () => {
    installWebAuthn({ origin: ORIGIN })
    const plinto = await signedIn()
    expect(plinto.auth.registerPasskey).toBe(plinto.passkeys.registerPasskey)
    expect(plinto.auth.authenticatePasskey).toBe(plinto.passkeys.authenticatePasskey)
    await plinto.auth.registerPasskey()
    await plinto.auth.signOut()
    const { user } = await plinto.auth.authenticatePasskey({ email: EMAIL })
    expect(user.email).toBe(EMAIL)
    expect(backend.requests.find((r) => r.path === '/passkeys/authenticate/options')!.body).toEqual({ email: EMAIL })
  })

  it('list, rename, delete; a deleted passkey no longer signs in', async () => {
    installWebAuthn({ origin: ORIGIN })
    const plinto = await signedIn()
    const passkey = await plinto.passkeys.registerPasskey()
    expect(passkey.name).toBe('Passkey')
    expect(await plinto.passkeys.renamePasskey(passkey.id, 'Work laptop')).toMatchObject({
      id: passkey.id,
      name: 'Work laptop',
    })
    expect((await plinto.passkeys.listPasskeys()).passkeys.map((p) => p.name)).toEqual(['Work laptop'])
    await plinto.passkeys.deletePasskey(passkey.id)
    expect((await plinto.passkeys.listPasskeys()).passkeys).toEqual([])
    expect((await failure(plinto.passkeys.deletePasskey(passkey.id))).code).toBe('NOT_FOUND')
    await plinto.auth.signOut()
    expect((await failure(plinto.passkeys.authenticatePasskey())).code).toBe('PASSKEY_VERIFICATION_FAILED')
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })

  it("another user's passkey cannot be renamed or deleted (NOT_FOUND)", async () => {
    installWebAuthn({ origin: ORIGIN })
    const plinto = await signedIn()
    const passkey = await plinto.passkeys.registerPasskey()
    await backend.seedUser({ email: 'eve@example.com', password: PASSWORD })
    const eve = client()
    await eve.auth.signIn({ email: 'eve@example.com', password: PASSWORD })
    expect((await failure(eve.passkeys.renamePasskey(passkey.id, 'mine'))).code).toBe('NOT_FOUND')
    expect((await failure(eve.passkeys.deletePasskey(passkey.id))).code).toBe('NOT_FOUND')
    expect((await plinto.passkeys.listPasskeys()).passkeys).toHaveLength(1)
  })

  it('a response from another origin is refused by the server: PASSKEY_VERIFICATION_FAILED', async () => {
    installWebAuthn({ origin: 'https://evil.example' })
    const plinto = await signedIn()
    expect((await failure(plinto.passkeys.registerPasskey())).code).toBe('PASSKEY_VERIFICATION_FAILED')
    expect((await plinto.passkeys.listPasskeys()).passkeys).toEqual([])
  })

  it('a dismissed prompt is PASSKEY_CANCELLED, and nothing is sent to verify', async () => {
    installWebAuthn({ origin: ORIGIN, cancel: true })
    const plinto = await signedIn()
    const error = await failure(plinto.passkeys.registerPasskey())
    expect(error.code).toBe('PASSKEY_CANCELLED')
    expect(backend.countRequests('POST', '/passkeys/register/verify')).toBe(0)
    await plinto.auth.signOut()
    expect((await failure(plinto.passkeys.authenticatePasskey())).code).toBe('PASSKEY_CANCELLED')
  })

  it('without WebAuthn (Node, old browsers) register and sign-in are PASSKEY_NOT_SUPPORTED, before any request', async () => {
    const plinto = await signedIn()
    const before = backend.requests.length
    expect((await failure(plinto.passkeys.registerPasskey())).code).toBe('PASSKEY_NOT_SUPPORTED')
    expect((await failure(plinto.auth.authenticatePasskey())).code).toBe('PASSKEY_NOT_SUPPORTED')
    // A PublicKeyCredential without navigator.credentials is no better.
    vi.stubGlobal('PublicKeyCredential', class PublicKeyCredential {})
    expect((await failure(plinto.passkeys.registerPasskey())).code).toBe('PASSKEY_NOT_SUPPORTED')
    expect(backend.requests.length).toBe(before)
    // Listing does not need WebAuthn.
    expect(await plinto.passkeys.listPasskeys()).toEqual({ passkeys: [] })
  })
})
