import { useMemo } from 'react'
import type { LinkOAuthProviderOptions, SignInMethods } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useConnectedAccounts} returns.
 *
 * @example
 * ```tsx
 * const { data, link, unlink }: UseConnectedAccountsResult = useConnectedAccounts()
 * ```
 */
export interface UseConnectedAccountsResult extends QueryResult<SignInMethods> {
  /**
   * Starts linking `provider` to the account: the browser goes to the provider and comes back through the app's
   * OAuth redirect page (`<AuthCallback/>` finishes the link there, then returns to `returnTo`, default this page).
   */
  link: (provider: string, options?: LinkOAuthProviderOptions) => Promise<void>
  /**
   * Unlinks the identity with `id`; resolves once the list is refreshed. `LAST_SIGN_IN_METHOD` when it is the only
   * way left to sign in (nothing changes).
   */
  unlink: (id: string) => Promise<void>
}

/**
 * The signed-in user's sign-in methods — password or not, linked provider identities, passkey count — with link
 * and unlink; `unlink` refreshes the data before it resolves.
 *
 * @example
 * ```tsx
 * function ConnectedAccounts() {
 *   const { data, link, unlink } = useConnectedAccounts()
 *   return (
 *     <>
 *       <ul>
 *         {data?.identities.map((i) => (
 *           <li key={i.id}>
 *             {i.provider_name} ({i.email}) <button onClick={() => unlink(i.id)}>Disconnect</button>
 *           </li>
 *         ))}
 *       </ul>
 *       <button onClick={() => link('github')}>Connect GitHub</button>
 *     </>
 *   )
 * }
 * ```
 */
export function useConnectedAccounts(): UseConnectedAccountsResult {
  const client = useRequiredClient('useConnectedAccounts')
  const { userId } = useAccountKeys('useConnectedAccounts')
  const query = useQuery('useConnectedAccounts', userId && `identities:${userId}`, () => client.users.listIdentities())
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    return {
      async link(provider: string, options?: LinkOAuthProviderOptions) {
        await client.auth.linkOAuthProvider(provider, options)
      },
      async unlink(id: string) {
        await client.users.unlinkIdentity(id)
        await cache.invalidate('identities:')
      },
    }
  }, [client])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}
