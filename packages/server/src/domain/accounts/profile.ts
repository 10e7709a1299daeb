import type { UpdateUserRequest, User } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import type { UserRecord } from '../../store/types'
import { normalizeUsername, toWireUser } from './user-wire'
import { uniqueToApiError } from './users'
import { withWebhookEvents } from '../../webhooks/webhook-events'

/**
 * Applies a profile change of the signed-in user and announces it (`user.updated`); answers the user as
 * the wire shows it. A taken username is 422 `VALIDATION_ERROR` on `username`.
 */
export async function updateProfile(
  context: ServerContext,
  user: UserRecord,
  changes: UpdateUserRequest,
): Promise<User> {
  const patch: Partial<UserRecord> = {}
  // An empty name or image URL clears the field, like null: a profile form sends "" for an emptied input.
  if (changes.first_name !== undefined) patch.first_name = changes.first_name || null
  if (changes.last_name !== undefined) patch.last_name = changes.last_name || null
  if (changes.profile_image_url !== undefined) patch.profile_image_url = changes.profile_image_url || null
  if (changes.username !== undefined) {
    patch.username = changes.username || null
    patch.username_normalized = changes.username ? normalizeUsername(changes.username) : null
  }
  if (Object.keys(patch).length === 0) return toWireUser(user)
  try {
    return await withWebhookEvents(context, async (tx, events) => {
      const updated = await tx.users.update(user.id, { ...patch, updated_at: context.clock.now() })
      const wire = toWireUser(updated ?? user)
      events.add('user.updated', { user: wire })
      return wire
    })
  } catch (error) {
    throw uniqueToApiError(error)
  }
}
