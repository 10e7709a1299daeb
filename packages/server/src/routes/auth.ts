import { Hono, type Context } from 'hono'
import {
  ChangePasswordRequestSchema,
  EmailCodeSendRequestSchema,
  EmailCodeVerifyRequestSchema,
  ForgotPasswordRequestSchema,
  MagicLinkRequestSchema,
  ReauthenticateRequestSchema,
  RefreshRequestSchema,
  SwitchOrganizationRequestSchema,
  ResetPasswordRequestSchema,
  SignInRequestSchema,
  SignUpRequestSchema,
  TokenRequestSchema,
  type MessageResponse,
} from '@plinto/contract'
import { sendEmailCode, verifyEmailCode } from '../domain/accounts/email-codes'
import { sendVerificationEmail, verifyEmail } from '../domain/accounts/email-verification'
import { magicLinkTarget, redeemMagicLink, sendMagicLink } from '../domain/accounts/magic-links'
import { changePassword, requestPasswordReset, resetPassword } from '../domain/accounts/passwords'
import { checkPassword, signInIdentifier } from '../domain/accounts/sign-in'
import { normalizeEmail, toWireUser } from '../domain/accounts/user-wire'
import { createUser } from '../domain/accounts/users'
import { reauthenticationOptions } from '../domain/passkeys/passkeys'
import { reauthenticate } from '../domain/sessions/reauthentication'
import { authenticate, endSession, rotateRefreshToken, type RotationRequest } from '../domain/sessions/sessions'
import { ApiError, errors } from '../errors'
import type { PlintoEnv } from '../env'
import { firstFactorPassed, signedIn } from '../http/sign-in-response'
import { clearRefreshCookie, deliverTokens, readRefreshCookie, wantsCookieTransport } from '../http/token-transport'
import { noStore } from '../middleware/no-store'
import { jsonBody } from '../middleware/json-body'
import { limitAccount, rateLimit } from '../middleware/rate-limit'
import { requireRecentAuthentication } from '../middleware/recent-authentication'
import { requireSession } from '../middleware/session'

// Answers that must not depend on whether the account exists.
const FORGOT_MESSAGE = 'If an account exists for this email, a password reset link has been sent.'
const MAGIC_LINK_MESSAGE = 'If an account exists for this email, a sign-in link has been sent.'
const EMAIL_CODE_MESSAGE = 'If this email can receive a code, one has been sent. It expires in 10 minutes.'

/**
 * The `/auth` routes of CONTRACT.md § Auth. Mounted under the API base path by `createPlintoApp`.
 */
export function authRoutes(): Hono<PlintoEnv> {
  const auth = new Hono<PlintoEnv>()

  auth.post('/signup', noStore(), rateLimit('signup'), jsonBody(SignUpRequestSchema), async (c) => {
    const body = c.req.valid('json')
    await limitAccount(c, normalizeEmail(body.email))
    const user = await createUser(c.var.server, { ...body, email_verified: false })
    await sendVerificationEmail(c.var.server, user)
    return signedIn(c, user, { remember: true, status: 201 })
  })

  auth.post('/signin', noStore(), rateLimit('signin'), jsonBody(SignInRequestSchema), async (c) => {
    const body = c.req.valid('json')
    const identifier = signInIdentifier(body)
    await limitAccount(c, identifier.account)
    const user = await checkPassword(c.var.server, identifier, body.password)
    return firstFactorPassed(c, user, { remember: body.remember ?? true, status: 200 })
  })

  auth.post('/signout', async (c) => {
    const { server } = c.var
    // An expired but genuine access token may still end its session: signing out must always work.
    try {
      const { session } = await authenticate(server, c.req.header('authorization'), { allowExpired: true })
      await endSession(server, session, 'signout')
    } catch (error) {
      // Signing out of a session that has already ended is a success, not an error.
      if (!(error instanceof ApiError && error.code === 'SESSION_REVOKED')) throw error
    }
    clearRefreshCookie(c)
    return c.body(null, 204)
  })

  auth.post('/refresh', noStore(), jsonBody(RefreshRequestSchema), async (c) => {
    return rotateAndDeliver(c, c.req.valid('json').refresh_token, {})
  })

  // A refresh that also chooses the session's active organization (docs/contract.md § Organization claims).
  // Under /auth like /refresh, so the refresh cookie (scoped to {apiBasePath}/auth) reaches it too.
  auth.post('/organization/switch', noStore(), jsonBody(SwitchOrganizationRequestSchema), async (c) => {
    const body = c.req.valid('json')
    return rotateAndDeliver(c, body.refresh_token, { organizationId: body.organization_id })
  })

  auth.get('/me', requireSession(), (c) => c.json(toWireUser(c.var.user), 200))

  // Proving again who you are counts as a sign-in attempt (IP budget), and wrong proofs have a per-user budget.
  auth.post(
    '/reauthenticate',

    rateLimit('signin'),
    requireSession(),
    jsonBody(ReauthenticateRequestSchema),
    async (c) => c.json(await reauthenticate(c.var.server, c.var.user, c.var.session, c.req.valid('json')), 200),
  )

  auth.post('/reauthenticate/passkey/options', requireSession(), async (c) =>
    c.json(await reauthenticationOptions(c.var.server, c.var.user), 200),
  )

  auth.post(
    '/password/change',
    requireSession(),
    requireRecentAuthentication(),
    jsonBody(ChangePasswordRequestSchema),
    async (c) => {
      await changePassword(c.var.server, c.var.user, c.var.session, c.req.valid('json'))
      return c.json<MessageResponse>({ message: 'Password changed. Other sessions have been signed out.' }, 200)
    },
  )

  auth.post('/password/forgot', rateLimit('passwordReset'), jsonBody(ForgotPasswordRequestSchema), async (c) => {
    const { email } = c.req.valid('json')
    await limitAccount(c, normalizeEmail(email))
    await requestPasswordReset(c.var.server, email)
    return c.json<MessageResponse>({ message: FORGOT_MESSAGE }, 202)
  })

  auth.post('/password/reset', rateLimit('passwordReset'), jsonBody(ResetPasswordRequestSchema), async (c) => {
    const body = c.req.valid('json')
    await resetPassword(c.var.server, body.token, body.new_password)
    return c.json<MessageResponse>({ message: 'Password reset. Sign in with your new password.' }, 200)
  })

  auth.post('/email/verify', rateLimit('emailVerification'), jsonBody(TokenRequestSchema), async (c) => {
    await verifyEmail(c.var.server, c.req.valid('json').token)
    return c.json<MessageResponse>({ message: 'Email verified.' }, 200)
  })

  auth.post('/email/resend', rateLimit('emailVerification'), requireSession(), async (c) => {
    const { user } = c.var
    await limitAccount(c, user.email_normalized)
    if (!user.email_verified) await sendVerificationEmail(c.var.server, user)
    return c.json<MessageResponse>(
      { message: 'If your email address is not verified yet, a new link has been sent.' },
      202,
    )
  })

  auth.post('/magic-link', rateLimit('magicLink'), jsonBody(MagicLinkRequestSchema), async (c) => {
    const body = c.req.valid('json')
    // Validated before the lookup so that known and unknown emails fail (or pass) alike.
    const target = magicLinkTarget(c.var.server.config, body.redirect_url)
    await limitAccount(c, normalizeEmail(body.email))
    await sendMagicLink(c.var.server, body.email, target)
    return c.json<MessageResponse>({ message: MAGIC_LINK_MESSAGE }, 202)
  })

  auth.post('/magic-link/verify', noStore(), rateLimit('magicLink'), jsonBody(TokenRequestSchema), async (c) => {
    const user = await redeemMagicLink(c.var.server, c.req.valid('json').token)
    // The mailbox is one factor: an account with MFA still answers the second step.
    return firstFactorPassed(c, user, { remember: true, status: 200 })
  })

  // Emailed one-time codes (docs/contract.md § Email codes). Sends count like magic links (per IP and per
  // address); checks count as sign-in attempts, and each code takes at most five of them.
  auth.post('/email-code/send', rateLimit('emailCode'), jsonBody(EmailCodeSendRequestSchema), async (c) => {
    const body = c.req.valid('json')
    if (!c.var.server.config.emailCodes) throw errors.emailCodesDisabled()
    await limitAccount(c, normalizeEmail(body.email))
    await sendEmailCode(c.var.server, body.email, body.purpose)
    return c.json<MessageResponse>({ message: EMAIL_CODE_MESSAGE }, 202)
  })

  auth.post('/email-code/verify', noStore(), rateLimit('signin'), jsonBody(EmailCodeVerifyRequestSchema), async (c) => {
    const body = c.req.valid('json')
    if (!c.var.server.config.emailCodes) throw errors.emailCodesDisabled()
    await limitAccount(c, normalizeEmail(body.email))
    const user = await verifyEmailCode(c.var.server, body.email, body.code, body.purpose)
    if (body.purpose === 'verify_email') return c.json<MessageResponse>({ message: 'Email verified.' }, 200)
    // The mailbox is one factor, as with a magic link: an account with MFA still answers the second step.
    return firstFactorPassed(c, user, { remember: true, status: 200 })
  })

  return auth
}

/**
 * Rotates the refresh token of the body, or (none there) of the cookie, and answers the new pair. A token that
 * came from the cookie goes back into the cookie, never into a body scripts can read. A refusal of the token
 * itself (401) also expires the cookie; a refused switch (403) leaves the session as it was.
 */
async function rotateAndDeliver(c: Context<PlintoEnv>, fromBody: string | undefined, request: RotationRequest) {
  const presented = fromBody ?? readRefreshCookie(c)
  const cookie = fromBody === undefined || wantsCookieTransport(c)
  if (!presented) throw errors.invalidRefreshToken()
  try {
    const { session, tokens } = await rotateRefreshToken(c.var.server, presented, request)
    return c.json(deliverTokens(c, tokens, session, cookie), 200)
  } catch (error) {
    if (cookie && error instanceof ApiError && error.status === 401) clearRefreshCookie(c)
    throw error
  }
}
