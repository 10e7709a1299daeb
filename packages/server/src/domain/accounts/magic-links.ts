import type { PlintoConfig } from '../../config'
import type { ServerContext } from '../../server-context'
import { magicLinkEmail } from '../../mail/templates'
import type { UserRecord } from '../../store/types'
import { assertAllowedRedirect } from '../redirects'
import { consumeEmailToken, issueDecoyToken, issueEmailToken } from './email-tokens'
import { normalizeEmail } from './user-wire'

/**
 * Where a magic link points: `redirect_url` if it is on the allow-list (`allowedRedirectUrls`, exact
 * match; anything else would make the email an open redirect carrying a sign-in token), else
 * `{appUrl}/auth/callback`.
 */
export function magicLinkTarget(config: PlintoConfig, redirectUrl: string | undefined): URL {
  if (redirectUrl === undefined || redirectUrl === '') return new URL(`${config.appUrl}/auth/callback`)
  return assertAllowedRedirect(config, redirectUrl, 'redirect_url')
}

/**
 * Sends a sign-in link to `target` if an account has this email; otherwise does the same work without
 * sending anything, so the answer cannot tell whether the account exists.
 */
export async function sendMagicLink(context: ServerContext, email: string, target: URL): Promise<void> {
  const user = await context.store.users.getByEmail(normalizeEmail(email))
  if (user) {
    const token = await issueEmailToken(context, user, 'magic_link')
    target.searchParams.set('magic_token', token)
    context.send(magicLinkEmail(user.email, target.toString()))
  } else {
    await issueDecoyToken(context)
  }
}

/** Spends a magic link: its user, whose address now counts as verified (400 `INVALID_TOKEN` for a bad link). */
export async function redeemMagicLink(context: ServerContext, token: string): Promise<UserRecord> {
  const { user } = await consumeEmailToken(context, token, 'magic_link')
  if (user.email_verified) return user
  return (await context.store.users.update(user.id, { email_verified: true, updated_at: context.clock.now() })) ?? user
}
