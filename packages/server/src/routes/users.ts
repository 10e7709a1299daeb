import { Hono } from 'hono'
import { DeleteUserRequestSchema, UpdateUserRequestSchema } from '@plinto/typescript-sdk/schemas'
import { deleteAccount } from '../domain/accounts/account-deletion'
import { authenticate } from '../domain/sessions/sessions'
import { uniqueToApiError } from '../domain/accounts/users'
import { normalizeUsername, toWireUser } from '../domain/accounts/user-wire'
import type { PlintoEnv } from '../env'
import { readJson } from '../middleware/json-body'
import type { UserRecord } from '../store/types'

/**
 * The `/users` routes of CONTRACT.md § Users: profile changes and account deletion for the caller.
 */
export function userRoutes(): Hono<PlintoEnv> {
  const users = new Hono<PlintoEnv>()

  users.patch('/me', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, UpdateUserRequestSchema)
    const patch: Partial<UserRecord> = {}
    // An empty name or image URL clears the field, like null: a profile form sends "" for an emptied input.
    if (body.first_name !== undefined) patch.first_name = body.first_name || null
    if (body.last_name !== undefined) patch.last_name = body.last_name || null
    if (body.profile_image_url !== undefined) patch.profile_image_url = body.profile_image_url || null
    if (body.username !== undefined) {
      patch.username = body.username || null
      patch.username_normalized = body.username ? normalizeUsername(body.username) : null
    }
    if (Object.keys(patch).length === 0) return c.json(toWireUser(user), 200)
    let updated: UserRecord | undefined
    try {
      updated = await context.store.users.update(user.id, { ...patch, updated_at: context.clock.now() })
    } catch (error) {
      throw uniqueToApiError(error)
    }
    const wire = toWireUser(updated ?? user)
    context.webhooks.emit('user.updated', { user: wire })
    return c.json(wire, 200)
  })

  users.delete('/me', async (c) => {
    const context = c.get('context')
    const { user, session } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, DeleteUserRequestSchema)
    await deleteAccount(context, user, session, body.password)
    return c.body(null, 204)
  })

  return users
}
