import type { ServerContext } from '../../server-context'
import { hashPassword, verifyPassword } from '../../crypto/password'
import { ApiError } from '../../errors'
import { passwordChangedEmail, passwordResetEmail } from '../../mail/templates'
import type { SessionRecord, UserRecord } from '../../store/types'
import { appLink } from '../app-links'
import { endSessionsOfUser } from '../sessions/sessions'
import { consumeEmailToken, issueDecoyToken, issueEmailToken } from './email-tokens'
import { assertPasswordAcceptable } from './password-policy'
import { normalizeEmail } from './user-wire'

/**
 * Changes the signed-in user's password: the current one must match (401 `INVALID_CREDENTIALS`), the new
 * one pass the policy. Every other session ends, pending reset links die, and the user is told by email.
 */
export async function changePassword(
  context: ServerContext,
  user: UserRecord,
  session: SessionRecord,
  passwords: { current_password: string; new_password: string },
): Promise<void> {
  if (!user.password_hash || !(await verifyPassword(passwords.current_password, user.password_hash))) {
    throw new ApiError(401, 'INVALID_CREDENTIALS', 'Current password is incorrect', {
      errors: [{ field: 'current_password', message: 'Current password is incorrect' }],
    })
  }
  assertPasswordAcceptable(passwords.new_password, 'new_password', { email: user.email })
  const now = context.clock.now()
  const password_hash = await hashPassword(passwords.new_password, context.config.passwordHashIterations)
  await context.store.users.update(user.id, { password_hash, updated_at: now })
  await endSessionsOfUser(context, user.id, 'password_change', session.id)
  await context.store.emailTokens.deleteByUser(user.id, 'reset_password')
  context.send(passwordChangedEmail(user.email))
}

/**
 * Sends a reset link if an account has this (normalised) email; otherwise does the same work without
 * sending anything, so the answer cannot tell whether the account exists.
 */
export async function requestPasswordReset(context: ServerContext, email: string): Promise<void> {
  const user = await context.store.users.getByEmail(normalizeEmail(email))
  if (user) {
    const token = await issueEmailToken(context, user, 'reset_password')
    context.send(passwordResetEmail(user.email, appLink(context.config, '/reset-password', { token })))
  } else {
    await issueDecoyToken(context)
  }
}

/**
 * Spends a reset link and sets the new password; every session of the user ends. The link reached the
 * mailbox, so the address counts as verified too.
 */
export async function resetPassword(context: ServerContext, token: string, newPassword: string): Promise<void> {
  // Check the new password before spending the token, so a refused password does not burn the link.
  assertPasswordAcceptable(newPassword, 'new_password')
  const { user } = await consumeEmailToken(context, token, 'reset_password')
  assertPasswordAcceptable(newPassword, 'new_password', { email: user.email })
  const now = context.clock.now()
  const password_hash = await hashPassword(newPassword, context.config.passwordHashIterations)
  await context.store.users.update(user.id, { password_hash, email_verified: true, updated_at: now })
  await endSessionsOfUser(context, user.id, 'password_reset')
}
