import type { Context } from 'hono'
import type { AuthResponse } from '@plinto/contract'
import { issueMfaChallenge } from '../domain/mfa/mfa-challenge'
import { startSession } from '../domain/sessions/sessions'
import { toWireUser } from '../domain/accounts/user-wire'
import type { PlintoEnv } from '../env'
import type { UserRecord } from '../store/types'
import { deliverTokens, wantsCookieTransport } from './token-transport'

/**
 * Finishes a first factor (password, magic link, OAuth). An account with a second factor answers
 * `{ mfa_required: true, mfa_token, methods }` (200) instead of starting a session; the sign-in is then
 * finished by `POST /mfa/challenge`. Sign-up never has MFA yet, so it always gets a session.
 */
export async function firstFactorPassed<E extends PlintoEnv>(
  c: Context<E>,
  user: UserRecord,
  options: { remember: boolean; status: 200 | 201 },
) {
  if (user.mfa_enabled) {
    return c.json(await issueMfaChallenge(c.var.server, user, options.remember), 200)
  }
  return signedIn(c, user, options)
}

/**
 * Starts a session and answers the AuthResponse (refresh token in the body, or in the cookie in cookie
 * transport). For sign-ins whose proof is complete: after MFA, passkeys (user-verifying, so multi-factor
 * by themselves), and sign-up.
 */
export async function signedIn<E extends PlintoEnv>(
  c: Context<E>,
  user: UserRecord,
  options: { remember: boolean; status: 200 | 201 },
) {
  const started = await startSession(c.var.server, user, {
    ip: c.get('clientIp'),
    userAgent: c.req.header('user-agent') ?? null,
    remember: options.remember,
  })
  const body: AuthResponse = {
    user: toWireUser(started.user),
    tokens: deliverTokens(c, started.tokens, started.session, wantsCookieTransport(c)),
  }
  return c.json(body, options.status)
}
