import { expect, test } from 'vitest'
import { addVirtualAuthenticator } from './harness/browser'
import { useVanilla } from './harness/static-app-fixtures'

const e2e = useVanilla()

/**
 * A check of the harness itself, for the passkey flows of the UI examples: Chromium's virtual
 * authenticator on `http://localhost:PORT` creates and uses a resident passkey that the reference server
 * (RP ID `localhost`, the example's origin) accepts. The vanilla example has no passkey UI, so the
 * ceremony runs with WebAuthn's JSON helpers in the example's page, against the real endpoints.
 */
test('the virtual authenticator registers a passkey with the reference server and signs in with it', async () => {
  const signUp = await fetch(`${e2e.server.nodeUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'passkey@example.com', password: 'a long enough passphrase' }),
  })
  expect(signUp.status).toBe(201)
  const { user, tokens } = (await signUp.json()) as { user: { id: string }; tokens: { access_token: string } }

  const page = await e2e.openApp(await e2e.newContext())
  const authenticator = await addVirtualAuthenticator(page)

  const result = await page.evaluate(
    async ({ apiBase, accessToken }) => {
      const post = async (path: string, body: unknown, token?: string) => {
        const response = await fetch(`${apiBase}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        })
        const json = (await response.json()) as Record<string, unknown>
        if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`)
        return json
      }
      const creationOptions = await post('/passkeys/register/options', {}, accessToken)
      const created = (await navigator.credentials.create({
        publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(
          creationOptions as unknown as PublicKeyCredentialCreationOptionsJSON,
        ),
      })) as PublicKeyCredential
      const passkey = await post(
        '/passkeys/register/verify',
        { credential: created.toJSON(), name: 'Virtual authenticator' },
        accessToken,
      )

      // Discoverable sign-in: no email, the authenticator offers the resident key.
      const requestOptions = await post('/passkeys/authenticate/options', {})
      const asserted = (await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(
          requestOptions as unknown as PublicKeyCredentialRequestOptionsJSON,
        ),
      })) as PublicKeyCredential
      const signedIn = await post('/passkeys/authenticate/verify', { credential: asserted.toJSON() })
      return { passkey, signedIn }
    },
    { apiBase: `${e2e.server.url}/api/v1`, accessToken: tokens.access_token },
  )

  expect(result.passkey).toMatchObject({ name: 'Virtual authenticator' })
  expect(result.signedIn).toMatchObject({ user: { id: user.id }, tokens: { access_token: expect.any(String) } })
  const credentials = await authenticator.credentials()
  expect(credentials).toHaveLength(1)
  // The counter moves once per use: the registration, then the sign-in.
  expect(credentials[0]).toMatchObject({ rpId: 'localhost', isResidentCredential: true, signCount: 2 })
  await authenticator.remove()
})
