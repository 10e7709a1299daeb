import { useMemo } from 'react'
import type { Passkey, PasskeyRegisterRequest } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link usePasskeys} returns.
 *
 * @example
 * ```tsx
 * const { data: passkeys, register, rename, remove }: UsePasskeysResult = usePasskeys()
 * ```
 */
export interface UsePasskeysResult extends QueryResult<Passkey[]> {
  /** Runs the browser's passkey prompt and saves the new passkey (`PASSKEY_NOT_SUPPORTED`, `PASSKEY_CANCELLED` …). */
  register: (request?: PasskeyRegisterRequest) => Promise<Passkey>
  /**
   * Renames the passkey with `id` (`PATCH /passkeys/{id}`) and resolves with the updated passkey once the list is
   * refreshed.
   */
  rename: (id: string, name: string) => Promise<Passkey>
  /** Deletes the passkey with `id`; it can no longer sign in. Resolves once the list is refreshed. */
  remove: (id: string) => Promise<void>
}

/**
 * The signed-in user's passkeys (oldest first) with register, rename and delete; each action refreshes
 * the list before it resolves.
 *
 * @example
 * ```tsx
 * function Passkeys() {
 *   const { data: passkeys, register, remove } = usePasskeys()
 *   return (
 *     <>
 *       <ul>
 *         {passkeys?.map((p) => (
 *           <li key={p.id}>
 *             {p.name} <button onClick={() => remove(p.id)}>Delete</button>
 *           </li>
 *         ))}
 *       </ul>
 *       <button onClick={() => register({ name: 'This device' })}>Add a passkey</button>
 *     </>
 *   )
 * }
 * ```
 */
export function usePasskeys(): UsePasskeysResult {
  const client = useRequiredClient('usePasskeys')
  const { userId } = useAccountKeys('usePasskeys')
  const query = useQuery(
    'usePasskeys',
    userId && `passkeys:${userId}`,
    async () => (await client.passkeys.listPasskeys()).passkeys,
  )
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    const { passkeys } = client
    return {
      async register(request?: PasskeyRegisterRequest) {
        const passkey = await passkeys.registerPasskey(request)
        // The connected accounts count passkeys as a way to sign in.
        await Promise.all([cache.invalidate('passkeys:'), cache.invalidate('identities:')])
        return passkey
      },
      async rename(id: string, name: string) {
        const passkey = await passkeys.renamePasskey(id, name)
        await cache.invalidate('passkeys:')
        return passkey
      },
      async remove(id: string) {
        await passkeys.deletePasskey(id)
        await Promise.all([cache.invalidate('passkeys:'), cache.invalidate('identities:')])
      },
    }
  }, [client])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}
