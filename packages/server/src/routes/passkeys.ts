import { Hono } from 'hono'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import {
  PasskeyAuthenticateOptionsRequestSchema,
  PasskeyAuthenticateVerifyRequestSchema,
  PasskeyRegisterVerifyRequestSchema,
  UpdatePasskeyRequestSchema,
  type PasskeyListResponse,
} from '@plinto/contract'
import { deletePasskey, listPasskeys, renamePasskey } from '../domain/passkeys/passkey-management'
import {
  authenticateWithPasskey,
  authenticationOptions,
  registerPasskey,
  registrationOptions,
  toWirePasskey,
} from '../domain/passkeys/passkeys'
import type { PlintoEnv } from '../env'
import { signedIn } from '../http/sign-in-response'
import { noStore } from '../middleware/no-store'
import { jsonBody } from '../middleware/json-body'
import { rateLimit } from '../middleware/rate-limit'
import { requireRecentAuthentication } from '../middleware/recent-authentication'
import { requireSession } from '../middleware/session'

/**
 * The `/passkeys` routes of CONTRACT.md § Passkeys (WebAuthn through @simplewebauthn/server).
 */
export function passkeyRoutes(): Hono<PlintoEnv> {
  const passkeys = new Hono<PlintoEnv>()

  passkeys.post('/register/options', requireSession(), async (c) =>
    c.json(await registrationOptions(c.var.server, c.var.user), 200),
  )

  passkeys.post('/register/verify', requireSession(), jsonBody(PasskeyRegisterVerifyRequestSchema), async (c) => {
    const body = c.req.valid('json')
    const passkey = await registerPasskey(
      c.var.server,
      c.var.user,
      body.credential as unknown as RegistrationResponseJSON,
      body.name,
    )
    return c.json(toWirePasskey(passkey), 200)
  })

  passkeys.post('/authenticate/options', jsonBody(PasskeyAuthenticateOptionsRequestSchema), async (c) => {
    return c.json(await authenticationOptions(c.var.server, c.req.valid('json').email || undefined), 200)
  })

  // A passkey sign-in counts as a sign-in attempt.
  passkeys.post(
    '/authenticate/verify',
    noStore(),
    rateLimit('signin'),
    jsonBody(PasskeyAuthenticateVerifyRequestSchema),
    async (c) => {
      const credential = c.req.valid('json').credential as unknown as AuthenticationResponseJSON
      const user = await authenticateWithPasskey(c.var.server, credential)
      // A user-verifying passkey is possession plus biometrics or PIN: no second MFA step.
      return signedIn(c, user, { remember: true, status: 200 })
    },
  )

  passkeys.get('/', requireSession(), async (c) => {
    return c.json<PasskeyListResponse>({ passkeys: await listPasskeys(c.var.server, c.var.user) }, 200)
  })

  passkeys.patch('/:id', requireSession(), jsonBody(UpdatePasskeyRequestSchema), async (c) => {
    return c.json(await renamePasskey(c.var.server, c.var.user, c.req.param('id'), c.req.valid('json').name), 200)
  })

  passkeys.delete('/:id', requireSession(), requireRecentAuthentication(), async (c) => {
    await deletePasskey(c.var.server, c.var.user, c.req.param('id'))
    return c.body(null, 204)
  })

  return passkeys
}
