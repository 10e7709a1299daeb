// Re-authenticating with a passkey against the reference server (its real @simplewebauthn/server checks; the
// authenticator is software): options list only the user's passkeys and bind the challenge to them; an assertion of
// another account's passkey, or a spent challenge, is refused; a good one moves the session on.
import { expect, test } from 'vitest'
import { createVirtualAuthenticator } from '../index'
import { PASSWORD, post, usePlinto } from './setup'

const plinto = usePlinto()
const ORIGIN = 'http://localhost:5173'
const ELEVEN_MINUTES = 11 * 60_000
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

/** A signed-in user with one passkey on `authenticator`; returns the access token and the credential id. */
async function userWithPasskey(email: string, authenticator: ReturnType<typeof createVirtualAuthenticator>) {
  await plinto.seedUser({ email, password: PASSWORD })
  const token = (await (await post('/auth/signin', { email, password: PASSWORD })).json()).tokens.access_token as string
  const options = await (await post('/passkeys/register/options', undefined, bearer(token))).json()
  const credential = await authenticator.createCredential(options)
  expect((await post('/passkeys/register/verify', { credential }, bearer(token))).status).toBe(200)
  return { token, credentialId: credential.id as string }
}

test('a passkey re-authenticates its own account: stale → REAUTH_REQUIRED with passkey → assertion → allowed', async () => {
  const authenticator = createVirtualAuthenticator({ origin: ORIGIN })
  const { token, credentialId } = await userWithPasskey('ada@example.com', authenticator)
  plinto.clock.advance(ELEVEN_MINUTES)
  const refused = await post('/sessions/revoke-all', undefined, bearer(token))
  expect([refused.status, (await refused.json()).methods]).toEqual([403, ['password', 'passkey']])

  const options = await (await post('/auth/reauthenticate/passkey/options', undefined, bearer(token))).json()
  expect(options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([credentialId])
  const credential = await authenticator.getAssertion(options)
  const reauth = await post('/auth/reauthenticate', { method: 'passkey', credential }, bearer(token))
  expect(reauth.status).toBe(200)
  expect((await post('/sessions/revoke-all', undefined, bearer(token))).status).toBe(200)
  // The challenge was spent: the same assertion again is refused.
  const replay = await post('/auth/reauthenticate', { method: 'passkey', credential }, bearer(token))
  expect([replay.status, (await replay.json()).error_code]).toEqual([400, 'PASSKEY_VERIFICATION_FAILED'])
})

test('another account’s passkey does not re-authenticate this one', async () => {
  const adaKeys = createVirtualAuthenticator({ origin: ORIGIN })
  const graceKeys = createVirtualAuthenticator({ origin: ORIGIN })
  const ada = await userWithPasskey('ada@example.com', adaKeys)
  await userWithPasskey('grace@example.com', graceKeys)
  plinto.clock.advance(ELEVEN_MINUTES)
  // Grace's authenticator answers options that are not bound to Ada (a sign-in's discoverable request).
  const options = await (await post('/passkeys/authenticate/options', {})).json()
  const credential = await graceKeys.getAssertion(options)
  const reauth = await post('/auth/reauthenticate', { method: 'passkey', credential }, bearer(ada.token))
  expect([reauth.status, (await reauth.json()).error_code]).toEqual([400, 'PASSKEY_VERIFICATION_FAILED'])
  expect((await post('/sessions/revoke-all', undefined, bearer(ada.token))).status).toBe(403)
})
