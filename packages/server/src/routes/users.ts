import { Hono } from 'hono'
import {
  DeleteUserRequestSchema,
  SetPhoneNumberRequestSchema,
  UpdateUserRequestSchema,
  VerifyPhoneRequestSchema,
} from '@plinto/contract'
import { deleteAccount } from '../domain/accounts/account-deletion'
import { removePhoneNumber, startPhoneVerification, verifyPhoneCode } from '../domain/accounts/phone-verification'
import { updateProfile } from '../domain/accounts/profile'
import { listSignInMethods, unlinkIdentity } from '../domain/oauth/identities'
import type { PlintoEnv } from '../env'
import { jsonBody } from '../middleware/json-body'
import { requireRecentAuthentication } from '../middleware/recent-authentication'
import { noStore } from '../middleware/no-store'
import { requireSession } from '../middleware/session'

/**
 * The `/users` routes of CONTRACT.md § Users: profile changes, the phone number and its verification, and account
 * deletion for the caller.
 */
export function userRoutes(): Hono<PlintoEnv> {
  const users = new Hono<PlintoEnv>()

  users.patch('/me', requireSession(), jsonBody(UpdateUserRequestSchema), async (c) => {
    return c.json(await updateProfile(c.var.server, c.var.user, c.req.valid('json')), 200)
  })

  users.delete('/me', requireSession(), requireRecentAuthentication(), jsonBody(DeleteUserRequestSchema), async (c) => {
    await deleteAccount(c.var.server, c.var.user, c.req.valid('json').password)
    return c.body(null, 204)
  })

  users.get('/me/identities', requireSession(), async (c) => {
    return c.json(await listSignInMethods(c.var.server, c.var.user), 200)
  })

  // The one route that unlinks an identity (a sensitive operation: re-authentication applies here).
  users.delete('/me/identities/:id', requireSession(), requireRecentAuthentication(), async (c) => {
    await unlinkIdentity(c.var.server, c.var.user, c.req.param('id'))
    return c.json(await listSignInMethods(c.var.server, c.var.user), 200)
  })

  users.post('/me/phone', requireSession(), jsonBody(SetPhoneNumberRequestSchema), async (c) => {
    return c.json(await startPhoneVerification(c.var.server, c.var.user, c.req.valid('json').phone_number), 202)
  })

  users.post('/me/phone/verify', noStore(), requireSession(), jsonBody(VerifyPhoneRequestSchema), async (c) => {
    return c.json(await verifyPhoneCode(c.var.server, c.var.user, c.req.valid('json').code), 200)
  })

  users.delete('/me/phone', requireSession(), async (c) => {
    return c.json(await removePhoneNumber(c.var.server, c.var.user), 200)
  })

  return users
}
