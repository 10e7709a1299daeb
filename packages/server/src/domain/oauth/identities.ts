// Connected accounts (CONTRACT.md § Users, sign-in methods): what an account can sign in with, and unlinking
// a provider identity — never the last way in.
import type { ConnectedIdentity, SignInMethods } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { toIso } from '../../clock'
import { ApiError, errors } from '../../errors'
import type { OAuthAccountRecord, UserRecord } from '../../store/types'
import { withWebhookEvents } from '../../webhooks/webhook-events'
import { PROVIDER_NAMES } from './oauth-providers'

/**
 * The account's sign-in methods: its password (set or not), its linked identities (oldest first) and how many
 * passkeys it has. Magic links and email codes are not listed: they reach the mailbox, not the account, and the
 * app may turn them off, so they never count as a way in that would keep the last identity unlinkable.
 */
export async function listSignInMethods(context: ServerContext, user: UserRecord): Promise<SignInMethods> {
  const { store } = context
  const [current, links, passkeys] = await Promise.all([
    store.users.get(user.id),
    store.oauthAccounts.listByUser(user.id),
    store.passkeys.listByUser(user.id),
  ])
  return {
    password: (current ?? user).password_hash !== null,
    identities: links.sort((a, b) => a.created_at - b.created_at).map(toWireIdentity),
    passkeys: passkeys.length,
  }
}

/**
 * Unlinks one of the user's identities (404 for an unknown one or anyone else's) unless it is the last way to
 * sign in (409 `LAST_SIGN_IN_METHOD`). The store checks and removes in one atomic step, so concurrent unlinks
 * of the last two methods cannot both succeed. Announces `user.identity_unlinked`.
 */
export async function unlinkIdentity(context: ServerContext, user: UserRecord, identityId: string): Promise<void> {
  await withWebhookEvents(context, async (tx, events) => {
    const outcome = await tx.oauthAccounts.deleteUnlessLast(user.id, identityId)
    if ('refused' in outcome) {
      if (outcome.refused === 'not_found') throw errors.notFound('Identity not found')
      throw lastSignInMethod()
    }
    events.add('user.identity_unlinked', {
      user_id: user.id,
      identity_id: outcome.deleted.id,
      provider: outcome.deleted.provider,
    })
  })
}

/** 409 `LAST_SIGN_IN_METHOD`: removing this identity or passkey would leave no way to sign in. */
export function lastSignInMethod(): ApiError {
  return new ApiError(
    409,
    'LAST_SIGN_IN_METHOD',
    'This is the only way left to sign in to the account; add a password, a passkey or another provider first',
  )
}

/** A stored link as the API shows it (never the provider-side user id). */
export function toWireIdentity(link: OAuthAccountRecord): ConnectedIdentity {
  return {
    id: link.id,
    provider: link.provider,
    provider_name: (PROVIDER_NAMES as Record<string, string>)[link.provider] ?? link.provider,
    email: link.email,
    name: link.name,
    created_at: toIso(link.created_at),
  }
}
