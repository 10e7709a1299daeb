import { CodeChallengeMethod, OAuth2Client } from 'arctic'
import type { OAuthClientCredentials, OAuthProviderId, PlintoConfig } from '../../config'
import { appleAuthorizationUrl, fetchAppleIdentity } from './apple'

/** The providers with a client secret and a userinfo endpoint (all but Apple). */
type SecretProviderId = Exclude<OAuthProviderId, 'apple'>

/**
 * What the server learns from a provider about the person signing in.
 */
export interface OAuthIdentity {
  providerUserId: string
  email: string | null
  emailVerified: boolean
  firstName: string | null
  lastName: string | null
}

/** One real provider: its endpoints, scopes and how to read a profile. */
interface ProviderDefinition {
  name: string
  scopes: string[]
  endpoints(credentials: OAuthClientCredentials): Required<NonNullable<OAuthClientCredentials['endpoints']>>
  /** Reads the identity with the provider's access token. */
  identity(
    accessToken: string,
    endpoints: Required<NonNullable<OAuthClientCredentials['endpoints']>>,
    fetch: typeof globalThis.fetch,
  ): Promise<OAuthIdentity>
}

/** Display names of the providers, `dev` included. */
export const PROVIDER_NAMES: Record<OAuthProviderId | 'dev', string> = {
  github: 'GitHub',
  google: 'Google',
  microsoft: 'Microsoft',
  apple: 'Apple',
  dev: 'Development',
}

const PROVIDERS: Record<SecretProviderId, ProviderDefinition> = {
  github: {
    name: PROVIDER_NAMES.github,
    scopes: ['read:user', 'user:email'],
    endpoints: (c) => ({
      authorization: c.endpoints?.authorization ?? 'https://github.com/login/oauth/authorize',
      token: c.endpoints?.token ?? 'https://github.com/login/oauth/access_token',
      userinfo: c.endpoints?.userinfo ?? 'https://api.github.com/user',
      emails: c.endpoints?.emails ?? 'https://api.github.com/user/emails',
    }),
    async identity(accessToken, endpoints, fetch) {
      const profile = await getJson<{ id: number; name?: string | null }>(fetch, endpoints.userinfo, accessToken)
      // The profile's public email may be unverified or absent; the emails API says which is primary and verified.
      const emails = await getJson<Array<{ email: string; primary: boolean; verified: boolean }>>(
        fetch,
        endpoints.emails,
        accessToken,
      )
      const primary = emails.find((e) => e.primary) ?? emails.find((e) => e.verified)
      const [first = null, ...rest] = (profile.name ?? '').trim().split(/\s+/).filter(Boolean)
      return {
        providerUserId: String(profile.id),
        email: primary?.email ?? null,
        emailVerified: primary?.verified ?? false,
        firstName: first,
        lastName: rest.length > 0 ? rest.join(' ') : null,
      }
    },
  },
  google: {
    name: PROVIDER_NAMES.google,
    scopes: ['openid', 'email', 'profile'],
    endpoints: (c) => ({
      authorization: c.endpoints?.authorization ?? 'https://accounts.google.com/o/oauth2/v2/auth',
      token: c.endpoints?.token ?? 'https://oauth2.googleapis.com/token',
      userinfo: c.endpoints?.userinfo ?? 'https://openidconnect.googleapis.com/v1/userinfo',
      emails: c.endpoints?.emails ?? '',
    }),
    identity: async (accessToken, endpoints, fetch) =>
      oidcIdentity(await getJson(fetch, endpoints.userinfo, accessToken), true),
  },
  microsoft: {
    name: PROVIDER_NAMES.microsoft,
    scopes: ['openid', 'email', 'profile'],
    endpoints: (c) => {
      const base = `https://login.microsoftonline.com/${encodeURIComponent(c.tenant ?? 'common')}/oauth2/v2.0`
      return {
        authorization: c.endpoints?.authorization ?? `${base}/authorize`,
        token: c.endpoints?.token ?? `${base}/token`,
        userinfo: c.endpoints?.userinfo ?? 'https://graph.microsoft.com/oidc/userinfo',
        emails: c.endpoints?.emails ?? '',
      }
    },
    // Entra ID does not assert that an account's email address is verified (any tenant can set any
    // address), so Microsoft emails never count as verified: they neither link to nor claim accounts.
    identity: async (accessToken, endpoints, fetch) =>
      oidcIdentity(await getJson(fetch, endpoints.userinfo, accessToken), false),
  },
}

/**
 * The providers this configuration offers: the real ones with credentials, plus `dev` outside production.
 */
export function availableProviders(config: PlintoConfig): Array<OAuthProviderId | 'dev'> {
  const real = ([...Object.keys(PROVIDERS), 'apple'] as OAuthProviderId[]).filter((id) => config.oauth[id])
  return config.mode === 'production' ? real : [...real, 'dev']
}

/**
 * The authorization URL of a real provider: authorization code flow with the server's own PKCE (S256)
 * towards the provider, built with arctic.
 */
export function providerAuthorizationUrl(
  config: PlintoConfig,
  provider: OAuthProviderId,
  options: { state: string; codeVerifier: string; nonce: string; callbackUrl: string },
): URL {
  if (provider === 'apple') {
    if (!config.oauth.apple) throw new Error('OAuth provider apple is not configured')
    return appleAuthorizationUrl(config.oauth.apple, options)
  }
  const { client, endpoints, definition } = providerClient(config, provider, options.callbackUrl)
  const url = client.createAuthorizationURLWithPKCE(
    endpoints.authorization,
    options.state,
    CodeChallengeMethod.S256,
    options.codeVerifier,
    definition.scopes,
  )
  if (provider === 'google') url.searchParams.set('prompt', 'select_account')
  return url
}

/** True for the providers that post their callback (`response_mode=form_post`): Apple. */
export function postsCallback(provider: string): boolean {
  return provider === 'apple'
}

/**
 * Exchanges the provider's code (with the server's PKCE verifier) for an access token and reads the
 * identity. Throws on any provider failure; the caller turns that into an OAuth error redirect.
 */
export async function fetchProviderIdentity(
  config: PlintoConfig,
  provider: OAuthProviderId,
  options: {
    code: string
    codeVerifier: string
    nonce: string
    callbackUrl: string
    fetch: typeof globalThis.fetch
    /** Apple's `user` form field (first authorization only). */
    formUser?: string | undefined
  },
): Promise<OAuthIdentity> {
  if (provider === 'apple') {
    if (!config.oauth.apple) throw new Error('OAuth provider apple is not configured')
    return fetchAppleIdentity(config.oauth.apple, options)
  }
  const { client, endpoints, definition } = providerClient(config, provider, options.callbackUrl)
  const tokens = await client.validateAuthorizationCode(endpoints.token, options.code, options.codeVerifier)
  return definition.identity(tokens.accessToken(), endpoints, options.fetch)
}

function providerClient(config: PlintoConfig, provider: SecretProviderId, callbackUrl: string) {
  const credentials = config.oauth[provider]
  if (!credentials) throw new Error(`OAuth provider ${provider} is not configured`)
  const definition = PROVIDERS[provider]
  return {
    client: new OAuth2Client(credentials.clientId, credentials.clientSecret, callbackUrl),
    endpoints: definition.endpoints(credentials),
    definition,
  }
}

async function getJson<T>(fetch: typeof globalThis.fetch, url: string, accessToken: string): Promise<T> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'Plinto' },
    signal: AbortSignal.timeout(10_000),
  })
  if (!response.ok) throw new Error(`Provider answered ${response.status} for ${new URL(url).host}`)
  return (await response.json()) as T
}

function oidcIdentity(
  claims: { sub?: unknown; email?: unknown; email_verified?: unknown; given_name?: unknown; family_name?: unknown },
  trustEmailVerified: boolean,
): OAuthIdentity {
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('The provider returned no subject')
  return {
    providerUserId: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    emailVerified: trustEmailVerified && claims.email_verified === true,
    firstName: typeof claims.given_name === 'string' ? claims.given_name : null,
    lastName: typeof claims.family_name === 'string' ? claims.family_name : null,
  }
}
