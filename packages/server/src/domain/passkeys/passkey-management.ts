import type { Passkey } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { errors } from '../../errors'
import type { PasskeyRecord, UserRecord } from '../../store/types'
import { toWirePasskey } from './passkeys'
import { lastSignInMethod } from '../oauth/identities'

/** The user's passkeys, oldest first. */
export async function listPasskeys(context: ServerContext, user: UserRecord): Promise<Passkey[]> {
  const list = (await context.store.passkeys.listByUser(user.id)).sort((a, b) => a.created_at - b.created_at)
  return list.map(toWirePasskey)
}

/** Renames one of the user's passkeys (404 for anyone else's). */
export async function renamePasskey(
  context: ServerContext,
  user: UserRecord,
  passkeyId: string,
  name: string,
): Promise<Passkey> {
  const passkey = await ownPasskey(context, user, passkeyId)
  const updated = await context.store.passkeys.update(passkey.id, { name })
  return toWirePasskey(updated ?? passkey)
}

/**
 * Deletes one of the user's passkeys (404 for anyone else's), unless it is the last way to sign in (409
 * `LAST_SIGN_IN_METHOD`; see the connected accounts), checked and deleted in one atomic store step.
 */
export async function deletePasskey(context: ServerContext, user: UserRecord, passkeyId: string): Promise<void> {
  const outcome = await context.store.passkeys.deleteUnlessLast(user.id, passkeyId)
  if (outcome === 'not_found') throw errors.notFound('Passkey not found')
  if (outcome === 'last_method') throw lastSignInMethod()
}

async function ownPasskey(context: ServerContext, user: UserRecord, passkeyId: string): Promise<PasskeyRecord> {
  const passkey = await context.store.passkeys.get(passkeyId)
  if (!passkey || passkey.user_id !== user.id) throw errors.notFound('Passkey not found')
  return passkey
}
