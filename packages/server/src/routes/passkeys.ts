import { Hono } from 'hono'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import {
  PasskeyAuthenticateOptionsRequestSchema,
  PasskeyAuthenticateVerifyRequestSchema,
  PasskeyRegisterVerifyRequestSchema,
  UpdatePasskeyRequestSchema,
  type PasskeyListResponse,
} from '@plinto/typescript-sdk/schemas'
import { authenticateWithPasskey, authenticationOptions, registerPasskey, registrationOptions, toWirePasskey } from '../domain/passkeys/passkeys'
import { authenticate } from '../domain/sessions/sessions'
import { errors } from '../errors'
import type { PlintoEnv } from '../env'
import { readJson } from '../middleware/json-body'
import { signedIn } from '../http/sign-in-response'

/**
 * The `/passkeys` routes of CONTRACT.md § Passkeys (WebAuthn through @simplewebauthn/server).
 */
export function passkeyRoutes(): Hono<PlintoEnv> {
  const passkeys = new Hono<PlintoEnv>()

  passkeys.post('/register/options', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    return c.json(await registrationOptions(context, user), 200)
  })

  passkeys.post('/register/verify', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, PasskeyRegisterVerifyRequestSchema)
    const passkey = await registerPasskey(context, user, body.credential as unknown as RegistrationResponseJSON, body.name)
    return c.json(toWirePasskey(passkey), 200)
  })

  passkeys.post('/authenticate/options', async (c) => {
    const body = await readJson(c, PasskeyAuthenticateOptionsRequestSchema)
    return c.json(await authenticationOptions(c.get('context'), body.email || undefined), 200)
  })

  passkeys.post('/authenticate/verify', async (c) => {
    const body = await readJson(c, PasskeyAuthenticateVerifyRequestSchema)
    const user = await authenticateWithPasskey(c.get('context'), body.credential as unknown as AuthenticationResponseJSON)
    // A user-verifying passkey is possession plus biometrics or PIN: no second MFA step.
    return signedIn(c, user, { remember: true, status: 200 })
  })

  passkeys.get('/', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const list = (await context.store.passkeys.listByUser(user.id)).sort((a, b) => a.created_at - b.created_at)
    return c.json<PasskeyListResponse>({ passkeys: list.map(toWirePasskey) }, 200)
  })

  passkeys.patch('/:id', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, UpdatePasskeyRequestSchema)
    const passkey = await context.store.passkeys.get(c.req.param('id'))
    if (!passkey || passkey.user_id !== user.id) throw errors.notFound('Passkey not found')
    const updated = await context.store.passkeys.update(passkey.id, { name: body.name })
    return c.json(toWirePasskey(updated ?? passkey), 200)
  })

  passkeys.delete('/:id', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const passkey = await context.store.passkeys.get(c.req.param('id'))
    if (!passkey || passkey.user_id !== user.id) throw errors.notFound('Passkey not found')
    await context.store.passkeys.delete(passkey.id)
    return c.body(null, 204)
  })

  return passkeys
}
