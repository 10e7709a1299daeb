import type { ModuleContext } from '../module-context'
import type { PlintoError } from '../errors'
import type { AuthResponse } from '@plinto/contract'
import type { OAuthProvidersResponse, SignInMethods } from '@plinto/contract/oauth'
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

/**
 * Options of `auth.linkOAuthProvider`: those of `initiateOAuth`, and where to go once the link is made.
 *
 * @example
 * ```ts
 * const options: LinkOAuthProviderOptions = { returnTo: '/account#connected-accounts' }
 * ```
 */
export interface LinkOAuthProviderOptions extends InitiateOAuthOptions {
  /**
   * Where the app should take the person after the redirect page finished the link (kept with the transaction
   * and handed back by `handleOAuthLinkCallback`). Default: the page that started it (`location.href`).
   */
  returnTo?: string
}

/**
 * What `auth.handleOAuthLinkCallback` resolves with when the redirect page was a link's return: the outcome
 * (the account's sign-in methods with the new identity, or the error) and where the app wanted to go back to.
 *
 * @example
 * ```ts
 * const linked: OAuthLinkResult | null = await plinto.auth.handleOAuthLinkCallback()
 * if (linked?.error?.code === 'IDENTITY_ALREADY_LINKED') alert('That account is linked to someone else')
 * else if (linked) location.assign(linked.returnTo ?? '/')
 * ```
 */
export type OAuthLinkResult = {
  /** The `returnTo` of `linkOAuthProvider`, or null. */
  returnTo: string | null
} & (
  | { methods: SignInMethods; error: null }
  | {
      methods: null
      /** `IDENTITY_ALREADY_LINKED` (nothing changed), `OAUTH_ERROR` (the provider refused), or a request error. */
      error: PlintoError
    }
)

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
  /**
   * Starts linking `provider` to the signed-in account (PKCE S256, the state bound to this session); see
   * {@link AuthModule.linkOAuthProvider}.
   */
  linkOAuthProvider(provider: string, options?: LinkOAuthProviderOptions): Promise<{ url: string }>
  /**
   * Finishes a link on the redirect page, or resolves `null` when the page is not a link's return (then
   * `handleOAuthCallback` finishes a sign-in); see {@link AuthModule.handleOAuthLinkCallback}.
   */
  handleOAuthLinkCallback(url?: string): Promise<OAuthLinkResult | null>
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
      { initiateOAuth: true, handleOAuthCallback: true, linkOAuthProvider: true, handleOAuthLinkCallback: true },
    ),
    getOAuthProviders: () => caller(context)('GET', 'oauth/providers', (v) => v.oauthProviders, undefined, false),
  }
}
