// Sign in with Apple: the authorization URL (`response_mode=form_post`), the ES256 client secret, the code
// exchange and the ID token. Apple has no userinfo endpoint: who signed in is in the ID token, verified here
// against Apple's JWKS (issuer, audience = the Services ID, expiry, and the nonce of this authorization).
//
// arctic's `Apple` class hard-codes Apple's endpoints and the global fetch, so it cannot be pointed at a fake
// Apple in tests; the URL is built with arctic's generic client instead, and the client secret is signed and
// the ID token verified with jose (the same claims arctic's `Apple.createClientSecret` signs).
import { OAuth2Client, OAuth2Tokens } from 'arctic'
import { createRemoteJWKSet, customFetch, importPKCS8, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose'
import type { AppleClientCredentials } from '../../config'
import type { OAuthIdentity } from './oauth-providers'

const APPLE = 'https://appleid.apple.com'

/** Apple's endpoints, or the ones the configuration puts in their place. */
function appleEndpoints(credentials: AppleClientCredentials) {
  return {
    authorization: credentials.endpoints?.authorization ?? `${APPLE}/auth/authorize`,
    token: credentials.endpoints?.token ?? `${APPLE}/auth/token`,
    jwks: credentials.endpoints?.jwks ?? `${APPLE}/auth/keys`,
    issuer: APPLE,
  }
}

/**
 * Apple's authorization URL. Asking for `name email` obliges Apple to post the answer back
 * (`response_mode=form_post`) rather than redirect with a query. Apple does not document PKCE, so the state
 * (single-use, stored server-side) and the nonce bound into the ID token carry the binding.
 */
export function appleAuthorizationUrl(
  credentials: AppleClientCredentials,
  options: { state: string; nonce: string; callbackUrl: string },
): URL {
  const client = new OAuth2Client(credentials.clientId, null, options.callbackUrl)
  const url = client.createAuthorizationURL(appleEndpoints(credentials).authorization, options.state, ['name', 'email'])
  url.searchParams.set('response_mode', 'form_post')
  url.searchParams.set('nonce', options.nonce)
  return url
}

/**
 * The client secret Apple asks for instead of a static one: an ES256 JWT signed with the Sign in with Apple
 * key, issued by the team for the Services ID, valid for five minutes.
 */
export async function appleClientSecret(credentials: AppleClientCredentials, nowMs = Date.now()): Promise<string> {
  const key = await importPKCS8(credentials.privateKey, 'ES256')
  const now = Math.floor(nowMs / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: credentials.keyId, typ: 'JWT' })
    .setIssuer(credentials.teamId)
    .setSubject(credentials.clientId)
    .setAudience(APPLE)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(key)
}

// One remote key set per registration and fetch, so Apple's keys are fetched once and refreshed by jose when
// a token names a key it does not know.
const keySets = new WeakMap<AppleClientCredentials, Map<typeof fetch, JWTVerifyGetKey>>()
function appleKeys(credentials: AppleClientCredentials, fetch: typeof globalThis.fetch): JWTVerifyGetKey {
  const byFetch = keySets.get(credentials) ?? new Map<typeof fetch, JWTVerifyGetKey>()
  keySets.set(credentials, byFetch)
  let keys = byFetch.get(fetch)
  if (!keys) {
    keys = createRemoteJWKSet(new URL(appleEndpoints(credentials).jwks), {
      [customFetch]: (url, init) => fetch(url, init),
    })
    byFetch.set(fetch, keys)
  }
  return keys
}

/**
 * Exchanges Apple's code (client secret in the body, `client_secret_post`, the one method Apple supports) and
 * reads the person from the verified ID token. The name comes from the `user` form field Apple posts on the
 * first authorization only (it is not signed; only the name is taken from it, never the email).
 */
export async function fetchAppleIdentity(
  credentials: AppleClientCredentials,
  options: {
    code: string
    nonce: string
    callbackUrl: string
    fetch: typeof globalThis.fetch
    formUser?: string | undefined
  },
): Promise<OAuthIdentity> {
  const endpoints = appleEndpoints(credentials)
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.callbackUrl,
    client_id: credentials.clientId,
    client_secret: await appleClientSecret(credentials),
  })
  const response = await options.fetch(endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  if (!response.ok) throw new Error(`Apple answered ${response.status} for the code exchange`)
  const tokens = new OAuth2Tokens((await response.json()) as object)
  const { payload } = await jwtVerify(tokens.idToken(), appleKeys(credentials, options.fetch), {
    issuer: endpoints.issuer,
    audience: credentials.clientId,
    algorithms: ['RS256', 'ES256'],
  })
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('Apple returned no subject')
  if (payload.nonce !== options.nonce) throw new Error('The ID token belongs to another authorization')
  const name = parseUserName(options.formUser)
  return {
    providerUserId: payload.sub,
    email: typeof payload.email === 'string' ? payload.email : null,
    // Apple sends `email_verified` as a boolean or as the string "true" depending on the token's age.
    emailVerified: payload.email_verified === true || payload.email_verified === 'true',
    firstName: name.firstName,
    lastName: name.lastName,
  }
}

function parseUserName(formUser: string | undefined): { firstName: string | null; lastName: string | null } {
  const none = { firstName: null, lastName: null }
  if (!formUser) return none
  try {
    const parsed = JSON.parse(formUser) as { name?: { firstName?: unknown; lastName?: unknown } }
    const part = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : null)
    return { firstName: part(parsed.name?.firstName), lastName: part(parsed.name?.lastName) }
  } catch {
    return none
  }
}
