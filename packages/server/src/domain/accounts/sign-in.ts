import type { ServerContext } from '../../server-context'
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../../crypto/password'
import { errors } from '../../errors'
import type { UserRecord } from '../../store/types'
import { normalizeEmail, normalizeUsername } from './user-wire'

/** Who a password sign-in names: an email or a username, normalised, and the key its account budget uses. */
export type SignInIdentifier = { email: string; account: string } | { username: string; account: string }

/**
 * The account a sign-in names: the email if present, else the username (422 `VALIDATION_ERROR` if
 * neither). `account` is the per-account rate-limit key.
 */
export function signInIdentifier(body: {
  email?: string | undefined
  username?: string | undefined
}): SignInIdentifier {
  const email = body.email?.trim()
  const username = body.username?.trim()
  if (email) return { email: normalizeEmail(email), account: normalizeEmail(email) }
  if (username) return { username: normalizeUsername(username), account: `username:${normalizeUsername(username)}` }
  throw errors.validation('Email or username is required', [
    { field: 'email', message: 'Email or username is required' },
  ])
}

/**
 * Checks a password sign-in: the user, or 401 `INVALID_CREDENTIALS` for an unknown account and a wrong
 * password alike. A hash made with fewer iterations than configured is upgraded on success.
 */
export async function checkPassword(
  context: ServerContext,
  identifier: SignInIdentifier,
  password: string,
): Promise<UserRecord> {
  const user =
    'email' in identifier
      ? await context.store.users.getByEmail(identifier.email)
      : await context.store.users.getByUsername(identifier.username)
  const iterations = context.config.passwordHashIterations
  if (!user?.password_hash) {
    // Same work as a real check, so response time does not tell whether the account exists.
    await verifyPassword(password, await dummyHash(iterations))
    throw errors.invalidCredentials()
  }
  if (!(await verifyPassword(password, user.password_hash))) throw errors.invalidCredentials()
  if (needsRehash(user.password_hash, iterations)) {
    await context.store.users.update(user.id, { password_hash: await hashPassword(password, iterations) })
  }
  return user
}
