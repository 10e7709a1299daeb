import { Hono, type Context } from 'hono'
import {
  ChangePasswordRequestSchema,
  ForgotPasswordRequestSchema,
  MagicLinkRequestSchema,
  RefreshRequestSchema,
  ResetPasswordRequestSchema,
  SignInRequestSchema,
  SignUpRequestSchema,
  TokenRequestSchema,
  type MessageResponse,
} from '@plinto/typescript-sdk/schemas'
import { consumeEmailToken, issueDecoyToken, issueEmailToken } from '../domain/accounts/email-tokens'
import { assertPasswordAcceptable } from '../domain/accounts/password-policy'
import { authenticate, endSession, endSessionsOfUser, rotateRefreshToken } from '../domain/sessions/sessions'
import { createUser } from '../domain/accounts/users'
import { assertAllowedRedirect } from '../domain/redirects'
import { normalizeEmail, normalizeUsername, toWireUser } from '../domain/accounts/user-wire'
import { firstFactorPassed, signedIn } from '../http/sign-in-response'
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../crypto/password'
import { ApiError, errors } from '../errors'
import type { PlintoEnv } from '../env'
import { magicLinkEmail, passwordChangedEmail, passwordResetEmail, verificationEmail } from '../mail/templates'
import { readJson } from '../middleware/json-body'
import { limitAccount } from '../middleware/rate-limit'
import type { UserRecord } from '../store/types'
import { clearRefreshCookie, deliverTokens, readRefreshCookie, wantsCookieTransport } from '../http/token-transport'

// Answers that must not depend on whether the account exists.
const FORGOT_MESSAGE = 'If an account exists for this email, a password reset link has been sent.'
const MAGIC_LINK_MESSAGE = 'If an account exists for this email, a sign-in link has been sent.'

/**
 * The `/auth` routes of CONTRACT.md § Auth. Mounted under the API base path by `createPlintoApp`.
 */
export function authRoutes(): Hono<PlintoEnv> {
  const auth = new Hono<PlintoEnv>()

  auth.post('/signup', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, SignUpRequestSchema)
    limitAccount(c, normalizeEmail(body.email))
    const user = await createUser(context, { ...body, email_verified: false })
    await sendVerificationEmail(c, user)
    return signedIn(c, user, { remember: true, status: 201 })
  })

  auth.post('/signin', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, SignInRequestSchema)
    const email = body.email?.trim()
    const username = body.username?.trim()
    if (!email && !username) {
      throw errors.validation('Email or username is required', [{ field: 'email', message: 'Email or username is required' }])
    }
    limitAccount(c, email ? normalizeEmail(email) : `username:${normalizeUsername(username ?? '')}`)
    const user = email
      ? await context.store.users.getByEmail(normalizeEmail(email))
      : await context.store.users.getByUsername(normalizeUsername(username ?? ''))
    const iterations = context.config.passwordHashIterations
    if (!user?.password_hash) {
      // Same work as a real check, so response time does not tell whether the account exists.
      await verifyPassword(body.password, await dummyHash(iterations))
      throw errors.invalidCredentials()
    }
    if (!(await verifyPassword(body.password, user.password_hash))) throw errors.invalidCredentials()
    if (needsRehash(user.password_hash, iterations)) {
      await context.store.users.update(user.id, { password_hash: await hashPassword(body.password, iterations) })
    }
    return firstFactorPassed(c, user, { remember: body.remember ?? true, status: 200 })
  })

  auth.post('/signout', async (c) => {
    const context = c.get('context')
    // An expired but genuine access token may still end its session: signing out must always work.
    try {
      const { session } = await authenticate(context, c.req.header('authorization'), { allowExpired: true })
      await endSession(context, session, 'signout')
    } catch (error) {
      // Signing out of a session that has already ended is a success, not an error.
      if (!(error instanceof ApiError && error.code === 'SESSION_REVOKED')) throw error
    }
    clearRefreshCookie(c)
    return c.body(null, 204)
  })

  auth.post('/refresh', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, RefreshRequestSchema)
    const fromCookie = body.refresh_token === undefined
    const presented = body.refresh_token ?? readRefreshCookie(c)
    // A token that came from the cookie goes back into the cookie, never into a body scripts can read.
    const cookie = fromCookie || wantsCookieTransport(c)
    if (!presented) throw errors.invalidRefreshToken()
    try {
      const { session, tokens } = await rotateRefreshToken(context, presented)
      return c.json(deliverTokens(c, tokens, session, cookie), 200)
    } catch (error) {
      if (cookie && error instanceof ApiError) clearRefreshCookie(c)
      throw error
    }
  })

  auth.get('/me', async (c) => {
    const { user } = await authenticate(c.get('context'), c.req.header('authorization'))
    return c.json(toWireUser(user), 200)
  })

  auth.post('/password/change', async (c) => {
    const context = c.get('context')
    const { user, session } = await authenticate(context, c.req.header('authorization'))
    const body = await readJson(c, ChangePasswordRequestSchema)
    if (!user.password_hash || !(await verifyPassword(body.current_password, user.password_hash))) {
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'Current password is incorrect', {
        errors: [{ field: 'current_password', message: 'Current password is incorrect' }],
      })
    }
    assertPasswordAcceptable(body.new_password, 'new_password', { email: user.email })
    const now = context.clock.now()
    const password_hash = await hashPassword(body.new_password, context.config.passwordHashIterations)
    await context.store.users.update(user.id, { password_hash, updated_at: now })
    await endSessionsOfUser(context, user.id, 'password_change', session.id)
    await context.store.emailTokens.deleteByUser(user.id, 'reset_password')
    context.send(passwordChangedEmail(user.email))
    return c.json<MessageResponse>({ message: 'Password changed. Other sessions have been signed out.' }, 200)
  })

  auth.post('/password/forgot', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, ForgotPasswordRequestSchema)
    const email = normalizeEmail(body.email)
    limitAccount(c, email)
    const user = await context.store.users.getByEmail(email)
    if (user) {
      const token = await issueEmailToken(context, user, 'reset_password')
      context.send(passwordResetEmail(user.email, appLink(c, '/reset-password', { token })))
    } else {
      await issueDecoyToken(context)
    }
    return c.json<MessageResponse>({ message: FORGOT_MESSAGE }, 202)
  })

  auth.post('/password/reset', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, ResetPasswordRequestSchema)
    // Check the new password before spending the token, so a refused password does not burn the link.
    assertPasswordAcceptable(body.new_password, 'new_password')
    const { user } = await consumeEmailToken(context, body.token, 'reset_password')
    assertPasswordAcceptable(body.new_password, 'new_password', { email: user.email })
    const now = context.clock.now()
    const password_hash = await hashPassword(body.new_password, context.config.passwordHashIterations)
    // The link reached the mailbox, so the address is proven as well.
    await context.store.users.update(user.id, { password_hash, email_verified: true, updated_at: now })
    await endSessionsOfUser(context, user.id, 'password_reset')
    return c.json<MessageResponse>({ message: 'Password reset. Sign in with your new password.' }, 200)
  })

  auth.post('/email/verify', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, TokenRequestSchema)
    const { user } = await consumeEmailToken(context, body.token, 'verify_email')
    if (!user.email_verified) {
      await context.store.users.update(user.id, { email_verified: true, updated_at: context.clock.now() })
    }
    return c.json<MessageResponse>({ message: 'Email verified.' }, 200)
  })

  auth.post('/email/resend', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    limitAccount(c, user.email_normalized)
    if (!user.email_verified) await sendVerificationEmail(c, user)
    return c.json<MessageResponse>({ message: 'If your email address is not verified yet, a new link has been sent.' }, 202)
  })

  auth.post('/magic-link', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, MagicLinkRequestSchema)
    // Validated before the lookup so that known and unknown emails fail (or pass) alike.
    const target = magicLinkTarget(c, body.redirect_url)
    const email = normalizeEmail(body.email)
    limitAccount(c, email)
    const user = await context.store.users.getByEmail(email)
    if (user) {
      const token = await issueEmailToken(context, user, 'magic_link')
      target.searchParams.set('magic_token', token)
      context.send(magicLinkEmail(user.email, target.toString()))
    } else {
      await issueDecoyToken(context)
    }
    return c.json<MessageResponse>({ message: MAGIC_LINK_MESSAGE }, 202)
  })

  auth.post('/magic-link/verify', async (c) => {
    const context = c.get('context')
    const body = await readJson(c, TokenRequestSchema)
    let { user } = await consumeEmailToken(context, body.token, 'magic_link')
    if (!user.email_verified) {
      user = (await context.store.users.update(user.id, { email_verified: true, updated_at: context.clock.now() })) ?? user
    }
    // The mailbox is one factor: an account with MFA still answers the second step.
    return firstFactorPassed(c, user, { remember: true, status: 200 })
  })

  return auth
}

async function sendVerificationEmail(c: Context<PlintoEnv>, user: UserRecord): Promise<void> {
  const context = c.get('context')
  const token = await issueEmailToken(context, user, 'verify_email')
  context.send(verificationEmail(user.email, appLink(c, '/verify-email', { token })))
}

/** A link into the app: `appUrl` + path, with query parameters. */
function appLink(c: Context<PlintoEnv>, path: string, params: Record<string, string>): string {
  const url = new URL(`${c.get('context').config.appUrl}${path}`)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}

/**
 * Where a magic link points: `redirect_url` if it is on the allow-list (`allowedRedirectUrls`, exact
 * match; anything else would make the email an open redirect carrying a sign-in token), else
 * `{appUrl}/auth/callback`.
 */
function magicLinkTarget(c: Context<PlintoEnv>, redirectUrl: string | undefined): URL {
  const { config } = c.get('context')
  if (redirectUrl === undefined || redirectUrl === '') return new URL(`${config.appUrl}/auth/callback`)
  return assertAllowedRedirect(config, redirectUrl, 'redirect_url')
}
