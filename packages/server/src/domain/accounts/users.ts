import type { ServerContext } from '../../server-context'
import { hashPassword } from '../../crypto/password'
import { randomId } from '../../crypto/random'
import { ApiError } from '../../errors'
import { UniqueConstraintError, type UserRecord } from '../../store/types'
import { assertPasswordAcceptable } from './password-policy'
import { normalizeEmail, normalizeUsername, toWireUser } from './user-wire'
import { withWebhookEvents } from '../../webhooks/webhook-events'

/**
 * What it takes to create a user.
 *
 * @example
 * ```ts
 * const input: CreateUserInput = { email: 'ada@example.com', password: 'correct horse battery', first_name: 'Ada' }
 * ```
 */
export interface CreateUserInput {
  email: string
  /** Checked against the password policy; omit for a password-less account (magic link only). */
  password?: string | null
  first_name?: string | null
  last_name?: string | null
  username?: string | null
  /** Default false. */
  email_verified?: boolean
}

/**
 * Creates a user with sign-up's rules: password policy (400 `WEAK_PASSWORD`), unique email (409
 * `EMAIL_TAKEN`) and username (422 `VALIDATION_ERROR` on `username`).
 */
export async function createUser(context: ServerContext, input: CreateUserInput): Promise<UserRecord> {
  const email = input.email.trim()
  if (input.password != null) assertPasswordAcceptable(input.password, 'password', { email })
  const now = context.clock.now()
  const username = input.username?.trim() || null
  const user: UserRecord = {
    id: randomId('usr'),
    email,
    email_normalized: normalizeEmail(email),
    email_verified: input.email_verified ?? false,
    username,
    username_normalized: username === null ? null : normalizeUsername(username),
    first_name: input.first_name?.trim() || null,
    last_name: input.last_name?.trim() || null,
    profile_image_url: null,
    password_hash:
      input.password == null ? null : await hashPassword(input.password, context.config.passwordHashIterations),
    mfa_enabled: false,
    phone_number: null,
    phone_verified: false,
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
  }
  try {
    await withWebhookEvents(context, async (tx, events) => {
      await tx.users.create(user)
      events.add('user.created', { user: toWireUser(user) })
    })
  } catch (error) {
    throw uniqueToApiError(error)
  }
  return user
}

/**
 * Maps a store uniqueness failure to the contract's error; rethrows anything else.
 */
export function uniqueToApiError(error: unknown): unknown {
  if (!(error instanceof UniqueConstraintError)) return error
  if (error.field === 'email') return new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists')
  if (error.field === 'slug') return new ApiError(409, 'SLUG_TAKEN', 'This slug is already taken')
  if (error.field !== 'username') return error
  return new ApiError(422, 'VALIDATION_ERROR', 'Username is already taken', {
    errors: [{ field: 'username', message: 'Username is already taken' }],
  })
}
