import type { ServerContext } from '../../server-context'
import { verifyPassword } from '../../crypto/password'
import { ApiError, errors } from '../../errors'
import type { UserRecord } from '../../store/types'
import { toWireUser } from './user-wire'
import { withWebhookEvents } from '../../webhooks/webhook-events'

/**
 * Deletes an account and everything of it (CONTRACT.md § Users `DELETE /users/me`).
 *
 * - The route is a sensitive operation (`requireRecentAuthentication()`): the session must have signed in or
 *   re-authenticated recently, else 403 `REAUTH_REQUIRED`, so a stolen old access token alone cannot delete an
 *   account. Accounts with a password must also send it (401 `INVALID_CREDENTIALS` otherwise).
 * - Organizations: where the user is the only member, the organization is deleted with the account.
 *   Where the user is the only owner and other members remain, nothing is deleted: 403 `FORBIDDEN`
 *   naming the organization, so ownership is transferred (or the organization deleted) first.
 * - Then the user goes with sessions, tokens, memberships, MFA, passkeys and OAuth links (one store call).
 */
export async function deleteAccount(
  context: ServerContext,
  user: UserRecord,
  password: string | undefined,
): Promise<void> {
  const { store } = context
  if (user.password_hash && !(password && (await verifyPassword(password, user.password_hash)))) {
    throw new ApiError(401, 'INVALID_CREDENTIALS', 'Password is incorrect', {
      errors: [{ field: 'password', message: 'Password is incorrect' }],
    })
  }

  // Decide every organization first, so a refusal leaves everything as it was.
  const soleMemberOf: string[] = []
  for (const membership of await store.memberships.listByUser(user.id)) {
    const members = await store.memberships.listByOrganization(membership.organization_id)
    if (members.length === 1) {
      soleMemberOf.push(membership.organization_id)
      continue
    }
    const owners = members.filter((m) => m.role === 'owner')
    if (membership.role === 'owner' && owners.length === 1) {
      const organization = await store.organizations.get(membership.organization_id)
      throw new ApiError(
        403,
        'FORBIDDEN',
        `You are the only owner of "${organization?.name ?? membership.organization_id}". Make another member an owner, or delete the organization, first.`,
      )
    }
  }
  await withWebhookEvents(context, async (tx, events) => {
    for (const organizationId of soleMemberOf) await tx.organizations.delete(organizationId)
    if (!(await tx.users.delete(user.id))) throw errors.notFound('User not found')
    events.add('user.deleted', { user: toWireUser(user) })
  })
}
