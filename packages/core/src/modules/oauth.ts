import type { ModuleContext } from '../module-context'
import type { AuthResponse } from '@plinto/contract'
import type { OAuthProvidersResponse } from '@plinto/contract/oauth'
import { lazyMethods, loadOnce } from './lazy'
import { caller } from './shared'

/**
 * Options of `auth.initiateOAuth`.
 *
 * @example
 * ```ts
 * const options: InitiateOAuthOptions = { redirectUri: 'https://app.example.com/auth/callback', navigate: false }
 * ```
 */
export interface InitiateOAuthOptions {
  /**
   * Where the provider sends the browser back to, with `code` and `state`; must be on the server's
   * allow-list exactly. Default: `{location.origin}/auth/callback` (the server's default entry).
   */
  redirectUri?: string
  /** Go to the provider right away (`location.assign`). Default `true`; `false` only returns the URL. */
  navigate?: boolean
}

/** The OAuth part of `plinto.auth` (typed there). */
export interface OAuthFlows {
  /**
   * Starts a PKCE sign-in with `provider` and resolves with its authorization URL; see
   * {@link AuthModule.initiateOAuth}.
   */
  initiateOAuth(provider: string, options?: InitiateOAuthOptions): Promise<{ url: string }>
  /**
   * Finishes the sign-in on the redirect page (`url` defaults to `location.href`); see
   * {@link AuthModule.handleOAuthCallback}.
   */
  handleOAuthCallback(url?: string): Promise<AuthResponse>
  /** The providers the server offers (`GET /oauth/providers`); see {@link AuthModule.getOAuthProviders}. */
  getOAuthProviders(): Promise<OAuthProvidersResponse>
}

/**
 * The OAuth methods of `plinto.auth`. `getOAuthProviders` is a plain call; the redirect flow (PKCE,
 * transactions) is loaded on first use from `./oauth-flow.lazy`, once per client (again after a failed download).
 */
export function createOAuthFlows(context: ModuleContext): OAuthFlows {
  return {
    // A failed download is a retryable NETWORK_ERROR and is not kept: the next call downloads again.
    ...lazyMethods<Omit<OAuthFlows, 'getOAuthProviders'>>(
      loadOnce(() => import('./oauth-flow.lazy').then((module) => module.createOAuthFlow(context))),
      { initiateOAuth: true, handleOAuthCallback: true },
    ),
    getOAuthProviders: () => caller(context)('GET', 'oauth/providers', (v) => v.oauthProviders, undefined, false),
  }
}
