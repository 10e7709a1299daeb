import { Hono } from 'hono'
import { DeleteUserRequestSchema, UpdateUserRequestSchema } from '@plinto/contract'
import { deleteAccount } from '../domain/accounts/account-deletion'
import { updateProfile } from '../domain/accounts/profile'
import { listSignInMethods, unlinkIdentity } from '../domain/oauth/identities'
import type { PlintoEnv } from '../env'
import { jsonBody } from '../middleware/json-body'
import { requireRecentAuthentication } from '../middleware/recent-authentication'
import { requireSession } from '../middleware/session'

/**
 * The `/users` routes of CONTRACT.md § Users: profile changes and account deletion for the caller.
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
  users.delete('/me/identities/:id', requireSession(), async (c) => {
    await unlinkIdentity(c.var.server, c.var.user, c.req.param('id'))
    return c.json(await listSignInMethods(c.var.server, c.var.user), 200)
  })

  return users
}
