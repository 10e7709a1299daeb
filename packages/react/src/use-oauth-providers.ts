import type { OAuthProvider } from '@plinto/typescript-sdk'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useOAuthProviders} returns.
 *
 * @example
 * ```tsx
 * const { data: providers }: UseOAuthProvidersResult = useOAuthProviders()
 * ```
 */
export interface UseOAuthProvidersResult extends QueryResult<OAuthProvider[]> {}

/**
 * The OAuth providers the server offers (`{ id, name }`: GitHub, Google, … and `dev` outside production),
 * for "Continue with …" buttons. Needs no session; loaded once per client. `enabled: false` fetches nothing.
 *
 * @example
 * ```tsx
 * function OAuthButtons() {
 *   const { client } = usePlinto()
 *   const { data: providers } = useOAuthProviders()
 *   return providers?.map((p) => (
 *     <button key={p.id} onClick={() => client.auth.initiateOAuth(p.id)}>
 *       Continue with {p.name}
 *     </button>
 *   ))
 * }
 * ```
 */
export function useOAuthProviders(options: { enabled?: boolean } = {}): UseOAuthProvidersResult {
  const client = useRequiredClient('useOAuthProviders')
  return useQuery(
    'useOAuthProviders',
    options.enabled === false ? null : 'oauth-providers',
    async () => (await client.auth.getOAuthProviders()).providers,
  )
}
