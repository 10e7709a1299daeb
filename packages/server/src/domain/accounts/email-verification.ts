import type { ServerContext } from '../../server-context'
import { verificationEmail } from '../../mail/templates'
import type { UserRecord } from '../../store/types'
import { appLink } from '../app-links'
import { consumeEmailToken, issueEmailToken } from './email-tokens'

/** Sends a new verification link (the previous one stops working). */
export async function sendVerificationEmail(context: ServerContext, user: UserRecord): Promise<void> {
  const token = await issueEmailToken(context, user, 'verify_email')
  context.send(verificationEmail(user.email, appLink(context.config, '/verify-email', { token })))
}

/** Spends a verification link and marks the address verified (400 `INVALID_TOKEN` for a bad link). */
export async function verifyEmail(context: ServerContext, token: string): Promise<void> {
  const { user } = await consumeEmailToken(context, token, 'verify_email')
  if (!user.email_verified) {
    await context.store.users.update(user.id, { email_verified: true, updated_at: context.clock.now() })
  }
}
