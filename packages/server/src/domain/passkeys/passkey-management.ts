import type { Passkey } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { errors } from '../../errors'
import type { PasskeyRecord, UserRecord } from '../../store/types'
import { toWirePasskey } from './passkeys'

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

/** Deletes one of the user's passkeys (404 for anyone else's). */
export async function deletePasskey(context: ServerContext, user: UserRecord, passkeyId: string): Promise<void> {
  const passkey = await ownPasskey(context, user, passkeyId)
  await context.store.passkeys.delete(passkey.id)
}

async function ownPasskey(context: ServerContext, user: UserRecord, passkeyId: string): Promise<PasskeyRecord> {
  const passkey = await context.store.passkeys.get(passkeyId)
  if (!passkey || passkey.user_id !== user.id) throw errors.notFound('Passkey not found')
  return passkey
}
