import type { ServerContext } from '../../server-context'
import { sha256 } from '../../crypto/hash'
import { randomToken } from '../../crypto/random'
import { errors } from '../../errors'
import type { EmailTokenPurpose, EmailTokenRecord, UserRecord } from '../../store/types'

/**
 * Issues a single-use email token for a user: 256 random bits, stored as its SHA-256 only, expiring per
 * purpose (verification 24 h, reset and magic link 15 min). A new token replaces the user's unused ones
 * of the same purpose, so only the latest link works.
 */
export async function issueEmailToken(
  context: ServerContext,
  user: UserRecord,
  purpose: EmailTokenPurpose,
): Promise<string> {
  const token = randomToken(32)
  const now = context.clock.now()
  await context.store.emailTokens.create({
    token_hash: await sha256(token),
    purpose,
    user_id: user.id,
    email: user.email_normalized,
    created_at: now,
    expires_at: now + ttlSeconds(context, purpose) * 1000,
  })
  return token
}

/**
 * Spends a token: returns its record and the user it belongs to, or throws 400 `INVALID_TOKEN` if it is
 * unknown, already used, expired, or no longer matches the user's email address.
 */
export async function consumeEmailToken(
  context: ServerContext,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<{ record: EmailTokenRecord; user: UserRecord }> {
  const record = await context.store.emailTokens.consume(await sha256(token), purpose, context.clock.now())
  if (!record) throw errors.invalidToken()
  const user = await context.store.users.get(record.user_id)
  if (!user || user.email_normalized !== record.email) throw errors.invalidToken()
  return { record, user }
}

/**
 * The work an issuance costs when there is no account: a token drawn and hashed, and one store write
 * (a flush), so "unknown email" and "known email" do the same work on the request path.
 */
export async function issueDecoyToken(context: ServerContext): Promise<void> {
  await sha256(randomToken(32))
  await context.store.flush()
}

function ttlSeconds(context: ServerContext, purpose: EmailTokenPurpose): number {
  const ttl = context.config.emailTokenTtl
  return purpose === 'verify_email' ? ttl.verifyEmail : purpose === 'reset_password' ? ttl.resetPassword : ttl.magicLink
}
