import type { OAuthAuthorizeResponse } from '@plinto/contract'
import type { OAuthProviderId } from '../../config'
import type { ServerContext } from '../../server-context'
import { toBase64Url, utf8 } from '../../crypto/encoding'
import { constantTimeEqual, sha256 } from '../../crypto/hash'
import { randomId, randomToken } from '../../crypto/random'
import { ApiError } from '../../errors'
import {
  UniqueConstraintError,
  type ChallengeRecord,
  type OAuthAccountRecord,
  type SessionRecord,
  type UserRecord,
} from '../../store/types'
import { withWebhookEvents } from '../../webhooks/webhook-events'
import {
  availableProviders,
  fetchProviderIdentity,
  providerAuthorizationUrl,
  type OAuthIdentity,
} from './oauth-providers'
import { assertAllowedRedirect } from '../redirects'
import { endSessionsOfUser } from '../sessions/sessions'
import { createUser } from '../accounts/users'
import { normalizeEmail } from '../accounts/user-wire'

/** How long the round trip through the provider may take. */
const STATE_TTL_MS = 10 * 60_000
/** Life of the one-time code handed to the app (CONTRACT.md § OAuth). */
const CODE_TTL_MS = 60_000
/** Life of a code of the built-in `dev` provider (consent page → callback). */
const DEV_CODE_TTL_MS = 60_000

/** `github`, `google`, `microsoft`, `apple` or `dev`. */
export type ProviderId = OAuthProviderId | 'dev'

/**
 * The provider named in the path, if this server offers it; 404 otherwise (an unconfigured provider, or
 * `dev` in production, does not exist).
 */
export function resolveProvider(context: ServerContext, name: string): ProviderId {
  const provider = availableProviders(context.config).find((p) => p === name)
  if (!provider) throw new ApiError(404, 'NOT_FOUND', `Unknown OAuth provider ${name}`)
  return provider
}

/**
 * Step 1: checks `redirect_uri` against the allow-list, stores the state (with the app's PKCE challenge
 * and the server's own PKCE verifier towards the provider) and builds the provider's authorization URL.
 */
export async function startAuthorization(
  context: ServerContext,
  provider: ProviderId,
  request: { redirect_uri: string; code_challenge: string },
  serverUrl: string,
  link?: { user: UserRecord; session: SessionRecord },
): Promise<OAuthAuthorizeResponse> {
  const redirect = assertAllowedRedirect(context.config, request.redirect_uri, 'redirect_uri')
  const state = randomToken(32)
  const providerVerifier = randomToken(32)
  // Apple puts it in its ID token: a token minted for another authorization is refused.
  const nonce = randomToken(16)
  const callbackUrl = `${serverUrl}${context.config.apiBasePath}/oauth/${provider}/callback`
  const now = context.clock.now()
  await context.store.challenges.deleteExpired(now)
  await context.store.challenges.create({
    key: await sha256(state),
    kind: 'oauth_state',
    // A link names the signed-in user and session: only they can redeem the code it ends with.
    user_id: link?.user.id ?? null,
    data: {
      provider,
      intent: link ? 'link' : 'sign_in',
      session_id: link?.session.id ?? null,
      redirect_uri: redirect.href,
      code_challenge: request.code_challenge,
      provider_verifier: providerVerifier,
      nonce,
      callback_url: callbackUrl,
    },
    attempts: 0,
    created_at: now,
    expires_at: now + STATE_TTL_MS,
  })
  const authorizationUrl =
    provider === 'dev'
      ? `${serverUrl}${context.config.apiBasePath}/oauth/dev/consent?${new URLSearchParams({ state }).toString()}`
      : providerAuthorizationUrl(context.config, provider, {
          state,
          codeVerifier: providerVerifier,
          nonce,
          callbackUrl,
        }).toString()
  return { authorization_url: authorizationUrl, state }
}

/**
 * Step 2, the provider's redirect back to the server: exchanges the provider's code, finds or creates the
 * user, and returns where to redirect the browser: `redirect_uri?code=…&state=…` with a single-use 60 s
 * code, or `redirect_uri?error=…&state=…`. A state that is unknown, expired or already used has no
 * trustworthy redirect target, so that is answered with 400 `OAUTH_ERROR` instead.
 */
export async function finishAtProvider(
  context: ServerContext,
  provider: ProviderId,
  query: { code?: string; state?: string; error?: string; user?: string },
): Promise<string> {
  const state = query.state ?? ''
  const record = state
    ? await context.store.challenges.consume(await sha256(state), 'oauth_state', context.clock.now())
    : undefined
  if (!record || record.data.provider !== provider) throw oauthError('Unknown or expired OAuth state')
  const redirect = new URL(String(record.data.redirect_uri))
  const fail = (error: string) => {
    redirect.searchParams.set('error', error)
    redirect.searchParams.set('state', state)
    return redirect.toString()
  }
  if (query.error) return fail(/^[a-z_]{1,64}$/.test(query.error) ? query.error : 'access_denied')
  if (!query.code) return fail('invalid_request')

  let identity: OAuthIdentity
  try {
    identity = await providerIdentity(context, provider, query.code, record, query.user)
  } catch (error) {
    context.logger.warn('OAuth code exchange failed', {
      provider,
      error: error instanceof Error ? error.name : typeof error,
    })
    return fail('server_error')
  }
  let userId: string
  let linkData: ChallengeRecord['data'] = {}
  if (record.data.intent === 'link') {
    // Nothing is attached yet: the code is redeemed by the session that started the link, with its PKCE
    // verifier, so a victim sent through someone else's link flow attaches nothing to that account.
    const linked = await context.store.oauthAccounts.get(provider, identity.providerUserId)
    if (linked && linked.user_id !== record.user_id) return fail('identity_already_linked')
    userId = record.user_id ?? ''
    linkData = {
      intent: 'link',
      session_id: record.data.session_id ?? null,
      provider_user_id: identity.providerUserId,
      email: identity.email ?? '',
      name: displayName(identity),
    }
  } else {
    const user = await findOrCreateUser(context, provider, identity)
    if (typeof user === 'string') return fail(user)
    userId = user.id
  }

  const code = randomToken(32)
  const now = context.clock.now()
  await context.store.challenges.create({
    key: await sha256(code),
    kind: 'oauth_code',
    user_id: userId,
    data: {
      provider,
      state_hash: record.key,
      redirect_uri: redirect.href,
      code_challenge: String(record.data.code_challenge),
      ...linkData,
    },
    attempts: 0,
    created_at: now,
    expires_at: now + CODE_TTL_MS,
  })
  redirect.searchParams.set('code', code)
  redirect.searchParams.set('state', state)
  return redirect.toString()
}

/**
 * Step 3, the app's `POST /oauth/{provider}/callback`: spends the one-time code (whatever the outcome) and
 * checks that it belongs to this provider, state and (when sent) redirect URI, and that the PKCE verifier
 * hashes to the challenge of step 1. Any mismatch is 400 `OAUTH_ERROR`; so is a code of a link flow.
 */
export async function redeemCode(
  context: ServerContext,
  provider: ProviderId,
  request: OAuthCodeRedemption,
): Promise<UserRecord> {
  const record = await spendCode(context, provider, request)
  if (record.data.intent === 'link') throw oauthError('Invalid or expired authorization code')
  const user = await context.store.users.get(record.user_id ?? '')
  if (!user) throw oauthError('Invalid or expired authorization code')
  return user
}

/**
 * Step 3 of a link, `POST /oauth/{provider}/link/callback`: spends the code like {@link redeemCode}, which must
 * be a link code of this very user and session, and attaches the provider identity to the account. 409
 * `IDENTITY_ALREADY_LINKED` when another account holds it (then nothing changes); linking an identity the
 * account already holds changes nothing either. Announces `user.identity_linked`.
 */
export async function redeemLinkCode(
  context: ServerContext,
  provider: ProviderId,
  signedIn: { user: UserRecord; session: SessionRecord },
  request: OAuthCodeRedemption,
): Promise<void> {
  const record = await spendCode(context, provider, request)
  if (
    record.data.intent !== 'link' ||
    record.user_id !== signedIn.user.id ||
    record.data.session_id !== signedIn.session.id
  )
    throw oauthError('Invalid or expired authorization code')
  const providerUserId = String(record.data.provider_user_id)
  const account: OAuthAccountRecord = {
    id: randomId('idn'),
    provider,
    provider_user_id: providerUserId,
    user_id: signedIn.user.id,
    email: String(record.data.email ?? ''),
    name: typeof record.data.name === 'string' ? record.data.name : null,
    created_at: context.clock.now(),
  }
  try {
    await withWebhookEvents(context, async (tx, events) => {
      await tx.oauthAccounts.create(account)
      events.add('user.identity_linked', { user_id: account.user_id, identity_id: account.id, provider })
    })
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error
    // Taken meanwhile (or linked before): fine when it is this account's already, refused otherwise.
    const holder = await context.store.oauthAccounts.get(provider, providerUserId)
    if (holder?.user_id !== signedIn.user.id) throw identityAlreadyLinked()
  }
}

/** The body of both code redemptions. */
type OAuthCodeRedemption = { code: string; state: string; code_verifier: string; redirect_uri?: string | undefined }

/** Takes the one-time code out of the store and checks provider, state, redirect URI and PKCE verifier. */
async function spendCode(
  context: ServerContext,
  provider: ProviderId,
  request: OAuthCodeRedemption,
): Promise<ChallengeRecord> {
  const record = await context.store.challenges.consume(await sha256(request.code), 'oauth_code', context.clock.now())
  if (!record || record.data.provider !== provider) throw oauthError('Invalid or expired authorization code')
  if (!constantTimeEqual(String(record.data.state_hash), await sha256(request.state)))
    throw oauthError('State does not match')
  if (request.redirect_uri !== undefined && !sameUrl(request.redirect_uri, String(record.data.redirect_uri))) {
    throw oauthError('redirect_uri does not match')
  }
  const challenge = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(request.code_verifier))))
  if (!constantTimeEqual(challenge, String(record.data.code_challenge)))
    throw oauthError('code_verifier does not match')
  return record
}

/** 409 `IDENTITY_ALREADY_LINKED`: the provider account belongs to another Plinto account. */
export function identityAlreadyLinked(): ApiError {
  return new ApiError(
    409,
    'IDENTITY_ALREADY_LINKED',
    'This provider account is already linked to another account; sign in with it there and unlink it first',
  )
}

/**
 * The built-in `dev` provider's approval: records the identity typed on the consent page under a
 * one-time code and returns the callback URL the browser goes to next (like a real provider would).
 */
export async function approveDevConsent(
  context: ServerContext,
  state: string,
  identity: { email: string; first_name: string; last_name: string },
): Promise<string> {
  const record = await context.store.challenges.get(await sha256(state), 'oauth_state', context.clock.now())
  if (record?.data.provider !== 'dev') throw oauthError('Unknown or expired OAuth state')
  const callback = new URL(String(record.data.callback_url))
  const code = randomToken(32)
  const now = context.clock.now()
  await context.store.challenges.create({
    key: `dev:${await sha256(code)}`,
    kind: 'oauth_code',
    user_id: null,
    data: { email: identity.email, first_name: identity.first_name, last_name: identity.last_name },
    attempts: 0,
    created_at: now,
    expires_at: now + DEV_CODE_TTL_MS,
  })
  callback.searchParams.set('code', code)
  callback.searchParams.set('state', state)
  return callback.toString()
}

/**
 * The `dev` provider's denial: the callback URL with `error=access_denied`.
 */
export async function denyDevConsent(context: ServerContext, state: string): Promise<string> {
  const record = await context.store.challenges.get(await sha256(state), 'oauth_state', context.clock.now())
  if (record?.data.provider !== 'dev') throw oauthError('Unknown or expired OAuth state')
  const callback = new URL(String(record.data.callback_url))
  callback.searchParams.set('error', 'access_denied')
  callback.searchParams.set('state', state)
  return callback.toString()
}

/** True while a `dev` state is live (the consent page is shown only for one). */
export async function isLiveDevState(context: ServerContext, state: string): Promise<boolean> {
  const record = await context.store.challenges.get(await sha256(state), 'oauth_state', context.clock.now())
  return record?.data.provider === 'dev'
}

async function providerIdentity(
  context: ServerContext,
  provider: ProviderId,
  code: string,
  state: ChallengeRecord,
  formUser: string | undefined,
): Promise<OAuthIdentity> {
  if (provider === 'dev') {
    const record = await context.store.challenges.consume(
      `dev:${await sha256(code)}`,
      'oauth_code',
      context.clock.now(),
    )
    if (!record) throw new Error('Unknown dev provider code')
    const email = String(record.data.email)
    return {
      // The dev provider's "account" is the email address typed on its consent page.
      providerUserId: normalizeEmail(email),
      email,
      emailVerified: true,
      firstName: String(record.data.first_name) || null,
      lastName: String(record.data.last_name) || null,
    }
  }
  return fetchProviderIdentity(context.config, provider, {
    code,
    codeVerifier: String(state.data.provider_verifier),
    nonce: typeof state.data.nonce === 'string' ? state.data.nonce : '',
    callbackUrl: String(state.data.callback_url),
    fetch: context.fetch,
    formUser,
  })
}

/**
 * Linking rules: (1) an account already linked to this provider account signs in; (2) else a verified
 * provider email that matches an existing user links to that user (the address is proven on both sides);
 * (3) else a verified email creates a new, verified, password-less user. Linking to an account whose
 * address was not verified yet removes its password and ends its sessions (pre-registration hijacking). An unverified
 * (or missing)
 * provider email never links or creates: `email_not_verified`, and an unverified email that belongs to an
 * existing account is `account_exists` (it would otherwise take the account over).
 */
async function findOrCreateUser(
  context: ServerContext,
  provider: ProviderId,
  identity: OAuthIdentity,
): Promise<UserRecord | string> {
  const { store } = context
  const linked = await store.oauthAccounts.get(provider, identity.providerUserId)
  if (linked) return (await store.users.get(linked.user_id)) ?? 'server_error'
  if (!identity.email) return 'email_not_verified'
  const existing = await store.users.getByEmail(normalizeEmail(identity.email))
  if (!identity.emailVerified) return existing ? 'account_exists' : 'email_not_verified'
  const now = context.clock.now()
  let user = existing
  if (!user) {
    user = await createUser(context, {
      email: identity.email,
      first_name: identity.firstName,
      last_name: identity.lastName,
      email_verified: true,
    })
  } else if (!user.email_verified) {
    // Nobody had proven this address: whoever set the account's password may not own the mailbox (an
    // attacker can pre-register someone's address). The provider proved it now, so the unproven password
    // and every session started with it go; the owner can set a password with a reset link.
    user = (await store.users.update(user.id, { email_verified: true, password_hash: null, updated_at: now })) ?? user
    await endSessionsOfUser(context, user.id, 'password_reset')
  }
  await store.oauthAccounts.create({
    id: randomId('idn'),
    provider,
    provider_user_id: identity.providerUserId,
    user_id: user.id,
    email: identity.email,
    name: displayName(identity),
    created_at: now,
  })
  return user
}

/** "First Last" as the provider reported it, or null. */
function displayName(identity: OAuthIdentity): string | null {
  return [identity.firstName, identity.lastName].filter(Boolean).join(' ') || null
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href
  } catch {
    return false
  }
}

function oauthError(detail: string): ApiError {
  return new ApiError(400, 'OAUTH_ERROR', detail)
}
