import { describe, expect, test } from 'vitest'
import {
  AuthResponseSchema,
  PasskeyCreationOptionsSchema,
  PasskeyListResponseSchema,
  PasskeySchema,
} from '@plinto/contract'
import { createVirtualAuthenticator } from '../index'
import { BASE, PASSWORD, post, usePlinto } from './setup'

// The reference server checks these for real with @simplewebauthn/server; the authenticator is software.
const plinto = usePlinto()
const ORIGIN = 'http://localhost:5173'

async function signedInUser(email = 'ada@example.com') {
  await plinto.seedUser({ email, password: PASSWORD })
  const body = await (await post('/auth/signin', { email, password: PASSWORD })).json()
  return { token: body.tokens.access_token as string, userId: body.user.id as string }
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

/** Registers a passkey on `authenticator` for the user behind `token`; returns the verify reply. */
async function register(authenticator: ReturnType<typeof createVirtualAuthenticator>, token: string, name?: string) {
  const options = await (await post('/passkeys/register/options', undefined, bearer(token))).json()
  const credential = await authenticator.createCredential(options)
  return post('/passkeys/register/verify', { credential, ...(name ? { name } : {}) }, bearer(token))
}

async function requestOptions(email?: string) {
  return (await post('/passkeys/authenticate/options', email ? { email } : {})).json()
}

const verify = (credential: unknown) => post('/passkeys/authenticate/verify', { credential })

describe('passkey registration', () => {
  test('options → virtual authenticator → verify stores the passkey; list, rename, delete', async () => {
    const { token, userId } = await signedInUser()
    const options = await (await post('/passkeys/register/options', undefined, bearer(token))).json()
    expect(PasskeyCreationOptionsSchema.safeParse(options).success).toBe(true)
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Plinto' },
      user: { name: 'ada@example.com' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    })
    expect(
      new TextDecoder().decode(
        Uint8Array.from(atob(options.user.id.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
      ),
    ).toBe(userId)

    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    const res = await post(
      '/passkeys/register/verify',
      { credential: await authenticator.createCredential(options), name: 'MacBook' },
      bearer(token),
    )
    expect(res.status).toBe(200)
    const passkey = await res.json()
    expect(PasskeySchema.safeParse(passkey).success).toBe(true)
    expect(passkey).toMatchObject({ name: 'MacBook', last_used_at: null, device_type: 'multiDevice', backed_up: true })
    expect(passkey.id).toMatch(/^pk_/)

    const list = await (await fetch(`${BASE}/passkeys`, bearer(token))).json()
    expect(PasskeyListResponseSchema.safeParse(list).success).toBe(true)
    expect(list.passkeys).toHaveLength(1)

    const renamed = await fetch(`${BASE}/passkeys/${passkey.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Work laptop' }),
    })
    expect((await renamed.json()).name).toBe('Work laptop')

    // The same authenticator cannot register twice (excludeCredentials).
    const again = await (await post('/passkeys/register/options', undefined, bearer(token))).json()
    expect(again.excludeCredentials).toEqual([expect.objectContaining({ id: authenticator.credentials[0]?.id })])
    await expect(authenticator.createCredential(again)).rejects.toThrow(/excluded/)

    expect((await fetch(`${BASE}/passkeys/${passkey.id}`, { method: 'DELETE', ...bearer(token) })).status).toBe(204)
    expect((await (await fetch(`${BASE}/passkeys`, bearer(token))).json()).passkeys).toEqual([])
  })

  test('a registration challenge is bound to its user, single-use, and expires after 5 minutes', async () => {
    const ada = await signedInUser('ada@example.com')
    const bob = await signedInUser('bob@example.com')
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })

    const adaOptions = await (await post('/passkeys/register/options', undefined, bearer(ada.token))).json()
    const stolen = await post(
      '/passkeys/register/verify',
      { credential: await authenticator.createCredential(adaOptions) },
      bearer(bob.token),
    )
    expect([stolen.status, (await stolen.json()).error_code]).toEqual([400, 'PASSKEY_VERIFICATION_FAILED'])

    const options = await (await post('/passkeys/register/options', undefined, bearer(ada.token))).json()
    const credential = await authenticator.createCredential(options)
    expect((await post('/passkeys/register/verify', { credential }, bearer(ada.token))).status).toBe(200)
    const replay = await post('/passkeys/register/verify', { credential }, bearer(ada.token))
    expect((await replay.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')

    const late = await (await post('/passkeys/register/options', undefined, bearer(ada.token))).json()
    plinto.clock.advance(5 * 60_000)
    const expired = await post(
      '/passkeys/register/verify',
      { credential: await createVirtualAuthenticator({ origin: ORIGIN }).createCredential(late) },
      bearer(ada.token),
    )
    expect((await expired.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
  })

  test('a credential created for another origin or RP ID is refused', async () => {
    const { token } = await signedInUser()
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    const options = await (await post('/passkeys/register/options', undefined, bearer(token))).json()
    const wrongOrigin = await post(
      '/passkeys/register/verify',
      { credential: await authenticator.createCredential(options, { origin: 'https://evil.example' }) },
      bearer(token),
    )
    expect((await wrongOrigin.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
    const options2 = await (await post('/passkeys/register/options', undefined, bearer(token))).json()
    const wrongRp = await post(
      '/passkeys/register/verify',
      { credential: await authenticator.createCredential({ ...options2, rp: { ...options2.rp, id: 'evil.example' } }) },
      bearer(token),
    )
    expect((await wrongRp.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
  })

  test('an authenticator without user verification is refused', async () => {
    const { token } = await signedInUser()
    const res = await register(createVirtualAuthenticator({ origin: ORIGIN, userVerification: false }), token)
    expect((await res.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
  })
})

describe('passkey sign-in', () => {
  test('discoverable and by email: AuthResponse, counter and last_used_at recorded', async () => {
    const { token } = await signedInUser()
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    await register(authenticator, token)

    const discoverable = await requestOptions()
    expect(discoverable.allowCredentials).toEqual([])
    expect(discoverable.userVerification).toBe('required')
    const res = await verify(await authenticator.getAssertion(discoverable))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(AuthResponseSchema.safeParse(body).success).toBe(true)
    expect(body.user.email).toBe('ada@example.com')

    const byEmail = await requestOptions('ADA@example.com')
    expect(byEmail.allowCredentials).toEqual([
      expect.objectContaining({ id: authenticator.credentials[0]?.id, type: 'public-key' }),
    ])
    expect((await verify(await authenticator.getAssertion(byEmail))).status).toBe(200)

    const [passkey] = (await (await fetch(`${BASE}/passkeys`, bearer(token))).json()).passkeys
    expect(passkey.last_used_at).toEqual(expect.any(String))
    const stored = await plinto.app.plinto.store.passkeys.get(passkey.id)
    expect(stored?.counter).toBe(2)
  })

  test('a passkey sign-in skips the MFA step (user verification makes it multi-factor)', async () => {
    const { token } = await signedInUser()
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    await register(authenticator, token)
    const user = await plinto.app.plinto.store.users.getByEmail('ada@example.com')
    await plinto.app.plinto.store.users.update(user!.id, { mfa_enabled: true })
    expect(
      (await (await post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })).json()).mfa_required,
    ).toBe(true)
    expect((await verify(await authenticator.getAssertion(await requestOptions()))).status).toBe(200)
  })

  test('a sign-counter that does not increase (a cloned authenticator) is refused', async () => {
    const { token } = await signedInUser()
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    await register(authenticator, token)
    const credentialId = authenticator.credentials[0]!.id
    authenticator.setCounter(credentialId, 10)
    expect((await verify(await authenticator.getAssertion(await requestOptions()))).status).toBe(200) // counter 11
    authenticator.setCounter(credentialId, 10) // the clone reports 11 again
    const res = await verify(await authenticator.getAssertion(await requestOptions()))
    expect([res.status, (await res.json()).error_code]).toEqual([400, 'PASSKEY_VERIFICATION_FAILED'])
  })

  test('a replayed assertion (same challenge) is refused', async () => {
    const { token } = await signedInUser()
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    await register(authenticator, token)
    const options = await requestOptions()
    expect((await verify(await authenticator.getAssertion(options))).status).toBe(200)
    // Fresh signature and higher counter, but the challenge was spent.
    const replay = await verify(await authenticator.getAssertion(options))
    expect((await replay.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
  })

  test('an expired challenge (5 minutes) is refused', async () => {
    const { token } = await signedInUser()
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    await register(authenticator, token)
    const options = await requestOptions()
    plinto.clock.advance(5 * 60_000)
    expect((await (await verify(await authenticator.getAssertion(options))).json()).error_code).toBe(
      'PASSKEY_VERIFICATION_FAILED',
    )
  })

  test('a challenge issued for one account does not accept another account’s passkey', async () => {
    const ada = await signedInUser('ada@example.com')
    const bob = await signedInUser('bob@example.com')
    const adaKey = createVirtualAuthenticator({ origin: ORIGIN })
    const bobKey = createVirtualAuthenticator({ origin: ORIGIN })
    await register(adaKey, ada.token)
    await register(bobKey, bob.token)
    const forAda = await requestOptions('ada@example.com')
    // Bob's authenticator answers Ada's challenge (ignoring allowCredentials, as an attacker would).
    const res = await verify(await bobKey.getAssertion({ ...forAda, allowCredentials: [] }))
    expect((await res.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
  })

  test('a userHandle that is not the credential’s user is refused', async () => {
    const ada = await signedInUser('ada@example.com')
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    await register(authenticator, ada.token)
    const assertion = await authenticator.getAssertion(await requestOptions())
    const res = await verify({
      ...assertion,
      response: { ...assertion.response, userHandle: btoa('usr_someone_else').replace(/=+$/, '') },
    })
    expect((await res.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
  })

  test('an assertion from the wrong origin is refused, and an unknown credential too', async () => {
    const { token } = await signedInUser()
    const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
    await register(authenticator, token)
    const wrongOrigin = await verify(
      await authenticator.getAssertion(await requestOptions(), { origin: 'https://evil.example' }),
    )
    expect((await wrongOrigin.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
    const stranger = createVirtualAuthenticator({ origin: ORIGIN })
    await stranger.createCredential(await (await post('/passkeys/register/options', undefined, bearer(token))).json())
    const unknown = await verify(await stranger.getAssertion(await requestOptions()))
    expect((await unknown.json()).error_code).toBe('PASSKEY_VERIFICATION_FAILED')
  })

  test('another user’s passkey cannot be renamed or deleted (404)', async () => {
    const ada = await signedInUser('ada@example.com')
    const bob = await signedInUser('bob@example.com')
    const passkey = await (await register(createVirtualAuthenticator({ origin: ORIGIN }), ada.token)).json()
    expect((await fetch(`${BASE}/passkeys/${passkey.id}`, { method: 'DELETE', ...bearer(bob.token) })).status).toBe(404)
    expect((await (await fetch(`${BASE}/passkeys`, bearer(ada.token))).json()).passkeys).toHaveLength(1)
  })
})
