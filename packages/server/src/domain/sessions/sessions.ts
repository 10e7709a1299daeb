import type { OrganizationRole, TokenResponse } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { signAccessToken, verifyAccessToken, type AccessTokenClaims } from '../../crypto/access-token'
import { constantTimeEqual, sha256 } from '../../crypto/hash'
import { randomId, randomToken } from '../../crypto/random'
import { open, seal } from '../../crypto/sealed-box'
import { ApiError, errors } from '../../errors'
import type { RefreshTokenRecord, SessionRecord, SessionRevokeReason, UserRecord } from '../../store/types'
import { withWebhookEvents } from '../../webhooks/webhook-events'
import { authenticatedAt } from './reauthentication'
import { familyOf, familyToken, newRefreshFamily } from './refresh-family'

/** A token pair with the refresh token always present (routes drop it from the body in cookie transport). */
export type IssuedTokens = TokenResponse & { refresh_token: string }

/** Where a session was started from. */
export interface SessionOrigin {
  ip: string
  userAgent: string | null
  /** `remember: false` → a session that dies after a day without use, and a browser-session cookie. */
  remember: boolean
}

/** Lifetime of a `remember: false` session without use. */
const SHORT_SESSION_SECONDS = 24 * 3600
/** `last_active_at` is written at most this often, so reads do not turn into writes. */
const ACTIVITY_RESOLUTION_MS = 60_000

/**
 * Starts a session for a user who has just proven who they are, and issues its first token pair.
 * This is the one place every sign-in method ends (password, magic link, MFA, passkeys, OAuth).
 */
export async function startSession(
  context: ServerContext,
  user: UserRecord,
  origin: SessionOrigin,
): Promise<{ session: SessionRecord; tokens: IssuedTokens; user: UserRecord }> {
  const now = context.clock.now()
  const family = newRefreshFamily()
  const session: SessionRecord = {
    id: randomId('sess'),
    user_id: user.id,
    created_at: now,
    last_active_at: now,
    expires_at: now + refreshLifetimeMs(context, origin.remember),
    revoked_at: null,
    revoked_reason: null,
    remember: origin.remember,
    ip: origin.ip,
    user_agent: origin.userAgent,
    // A new session acts for no organization until the client chooses one (POST /auth/organization/switch).
    active_organization_id: null,
    refresh_family_hash: await sha256(family),
    // Every session starts with its user proving who they are; POST /auth/reauthenticate moves it forward.
    authenticated_at: now,
  }
  const { pair, record } = await mintPair(context, session, now, undefined, family)
  // The session, its first refresh token and the user's sign-in time in one store write (and, when webhooks
  // are configured, the session.created delivery in the same transaction).
  const updated = await withWebhookEvents(context, async (tx, events) => {
    const signedIn = await tx.sessions.start(session, record)
    if (signedIn) events.add('session.created', { session_id: session.id, user_id: user.id, ip: session.ip })
    return signedIn
  })
  // The account was deleted while this sign-in ran.
  if (!updated) throw errors.invalidCredentials()
  return { session, tokens: pair, user: updated }
}

/**
 * Ends one session (its access and refresh tokens stop working) and announces it (`session.revoked`).
 * False if it was unknown or had already ended.
 */
export async function endSession(
  context: ServerContext,
  session: SessionRecord,
  reason: SessionRevokeReason,
): Promise<boolean> {
  return withWebhookEvents(context, async (tx, events) => {
    const ended = await tx.sessions.revoke(session.id, reason, context.clock.now())
    if (ended) events.add('session.revoked', { session_id: session.id, user_id: session.user_id, reason })
    return ended
  })
}

/**
 * Ends every active session of a user, or every one but `exceptSessionId`, announcing each. Returns how
 * many ended.
 */
export async function endSessionsOfUser(
  context: ServerContext,
  userId: string,
  reason: SessionRevokeReason,
  exceptSessionId?: string,
): Promise<number> {
  const now = context.clock.now()
  return withWebhookEvents(context, async (tx, events) => {
    const active = (await tx.sessions.listByUser(userId)).filter(
      (s) => s.revoked_at === null && s.id !== exceptSessionId,
    )
    const count = await tx.sessions.revokeByUser(userId, reason, now, exceptSessionId)
    for (const session of active) events.add('session.revoked', { session_id: session.id, user_id: userId, reason })
    return count
  })
}

/**
 * What a rotation asks besides new tokens: `organizationId` switches the session's active organization
 * (`null`: none). Without it the session keeps the one it has, if the user is still a member.
 */
export interface RotationRequest {
  organizationId?: string | null
}

/**
 * Exchanges a refresh token for a new pair (rotation), following CONTRACT.md § Refresh tokens:
 * - unknown or expired → `INVALID_REFRESH_TOKEN`; its session ended → `SESSION_REVOKED`;
 * - already rotated, within the grace window → the same successor pair again (two tabs, lost response);
 * - already rotated, after the window → the whole session is revoked, `REFRESH_TOKEN_REUSED`.
 *
 * The new access token carries the session's active organization (`org_id`, `org_role`), looked up in the
 * memberships now: a member removed since the last rotation loses it (and the session forgets it), a member
 * whose role changed gets the new role. With `request.organizationId` the rotation also switches it; not a
 * member (or no such organization) → 403 `FORBIDDEN` and nothing changes, the presented token included.
 * A switch presenting an already-rotated token is answered as a refresh is (the grace window's pair, or
 * reuse detection): reuse detection never depends on what the request asks for.
 */
export async function rotateRefreshToken(
  context: ServerContext,
  presented: string,
  request: RotationRequest = {},
): Promise<{ session: SessionRecord; tokens: IssuedTokens }> {
  const { store, clock, config } = context
  const now = clock.now()
  const graceMs = config.refreshGraceSeconds * 1000
  // Store-wide housekeeping (sealed successors past their window, expired tokens) is the sweep's, on a timer:
  // here an expired token is refused as if it were gone, and a successor is opened only within its window.
  // A rotation wipes the successors of its own session that are past their window, in the same write.
  const hash = await sha256(presented)
  const found = await store.refreshTokens.getWithSession(hash)
  // The lookup is by hash; compare again in constant time so no code path branches on partial matches.
  if (!found || !constantTimeEqual(found.token.token_hash, hash)) return refuseUnknown(context, presented, now)
  const { token: record, session } = found
  if (record.expires_at <= now) throw errors.invalidRefreshToken()
  if (!session || session.revoked_at !== null) throw errors.sessionRevoked()
  if (session.expires_at <= now) throw errors.invalidRefreshToken()

  if (record.rotated_at === null) {
    const organization = await organizationFor(context, session, request)
    const next: SessionRecord = {
      ...session,
      last_active_at: now,
      expires_at: now + refreshLifetimeMs(context, session.remember),
      active_organization_id: organization?.id ?? null,
    }
    // The presented token matched a stored record of this session, so it carries the session's family.
    const family = session.refresh_family_hash ? familyOf(presented) : undefined
    const { pair, record: successor } = await mintPair(context, next, now, organization, family)
    // Claims the old token, stores the successor and moves the session in one atomic store write. If another
    // request claimed it first, nothing is written and that request's pair is answered instead (below). The
    // session's organization is written by the winner only, so it is always the one its newest access token
    // carries (a concurrent switch with the same token gets the winner's pair).
    const rotated = await store.refreshTokens.rotate(hash, {
      rotatedAt: now,
      successorBox: await seal(presented, JSON.stringify(pair)),
      successor,
      session: {
        last_active_at: now,
        expires_at: next.expires_at,
        active_organization_id: next.active_organization_id,
      },
      wipeSuccessorsRotatedBefore: now - graceMs - 1,
    })
    if (rotated) return { session: next, tokens: pair }
  }

  const rotated = record.rotated_at === null ? await store.refreshTokens.getByHash(hash) : record
  if (rotated?.rotated_at != null && now - rotated.rotated_at <= graceMs && rotated.successor_box) {
    const opened = await open(presented, rotated.successor_box)
    if (opened) return { session, tokens: JSON.parse(opened) as IssuedTokens }
  }
  return refuseReuse(context, session)
}

/**
 * A token the store does not hold: unknown (`INVALID_REFRESH_TOKEN`), unless its family is a session's, in which
 * case it is one of that session's tokens whose record the sweep deleted after its rotation: an ended session
 * answers `SESSION_REVOKED`, an expired one `INVALID_REFRESH_TOKEN`, a live one treats it as reuse.
 */
async function refuseUnknown(context: ServerContext, presented: string, now: number): Promise<never> {
  const family = familyOf(presented)
  if (family === undefined) throw errors.invalidRefreshToken()
  const familyHash = await sha256(family)
  const session = await context.store.sessions.getByRefreshFamily(familyHash)
  // Compared again in constant time, as the token hash is above.
  if (!session?.refresh_family_hash || !constantTimeEqual(session.refresh_family_hash, familyHash)) {
    throw errors.invalidRefreshToken()
  }
  if (session.revoked_at !== null) throw errors.sessionRevoked()
  if (session.expires_at <= now) throw errors.invalidRefreshToken()
  return refuseReuse(context, session)
}

/** A rotated token presented after its window: someone holds a copy. End the session for everyone. */
async function refuseReuse(context: ServerContext, session: SessionRecord): Promise<never> {
  await endSession(context, session, 'refresh_token_reuse')
  context.logger.warn('Refresh token reuse detected; session revoked', {
    session_id: session.id,
    user_id: session.user_id,
  })
  throw errors.refreshTokenReused()
}

/**
 * The organization a rotation's access token is for, with the user's role in it as the memberships say now.
 * A switch to an organization the user does not belong to is refused; the session's current organization
 * that the user has since left (removed, organization deleted) is simply dropped.
 */
async function organizationFor(
  context: ServerContext,
  session: SessionRecord,
  request: RotationRequest,
): Promise<{ id: string; role: OrganizationRole } | undefined> {
  const switching = request.organizationId !== undefined
  const id = switching ? request.organizationId : (session.active_organization_id ?? null)
  if (id === null || id === undefined) return undefined
  const membership = await context.store.memberships.get(id, session.user_id)
  if (membership) return { id, role: membership.role }
  // The same answer whether the organization exists or not, so a switch cannot probe for organization IDs.
  if (switching) throw new ApiError(403, 'FORBIDDEN', 'You are not a member of this organization')
  return undefined
}

/**
 * Checks the `Authorization: Bearer` access token and that its session is still active. Throws
 * `UNAUTHORIZED` (missing/invalid), `TOKEN_EXPIRED` (genuine but expired) or `SESSION_REVOKED` (its session
 * was ended: sign-out, password change/reset, reuse detection).
 */
export async function authenticate(
  context: ServerContext,
  authorization: string | undefined,
  options: { allowExpired?: boolean } = {},
): Promise<{ user: UserRecord; session: SessionRecord; claims: AccessTokenClaims }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  if (!match?.[1]) throw errors.unauthorized()
  const now = context.clock.now()
  const claims = await verifyAccessToken(await context.keys(), match[1], {
    issuer: context.config.issuer,
    audience: context.config.audience,
    nowMs: now,
    allowExpired: options.allowExpired ?? false,
  })
  // The session and its user in one store read (one statement on PostgreSQL).
  const found = await context.store.sessions.authenticate(claims.sid)
  // A genuine token whose session is gone (swept after expiry, or its account deleted) names an ended session:
  // sign-out (which accepts expired tokens) answers it like one, so signing out keeps working after the sweep.
  if (!found && options.allowExpired) throw errors.sessionRevoked()
  if (!found || found.session.user_id !== claims.sub) throw errors.unauthorized('Invalid access token')
  let { session } = found
  if (session.revoked_at !== null) throw errors.sessionRevoked()
  const { user } = found
  if (now - session.last_active_at >= ACTIVITY_RESOLUTION_MS) {
    session = (await context.store.sessions.update(session.id, { last_active_at: now })) ?? session
  }
  return { user, session, claims }
}

type TokenOrganization = { id: string; role: OrganizationRole } | undefined

/**
 * Signs an access token and draws a refresh token for a session, with the refresh token's record; stores
 * nothing (the caller writes the record together with the rest of its step). With the session's family the
 * refresh token carries it (see refresh-family.ts); sessions started before families existed go on with
 * plain random tokens.
 */
async function mintPair(
  context: ServerContext,
  session: SessionRecord,
  now: number,
  organization: TokenOrganization,
  family: string | undefined,
): Promise<{ pair: IssuedTokens; record: RefreshTokenRecord }> {
  const { config } = context
  const refreshToken = family === undefined ? randomToken(32) : familyToken(family)
  const pair: IssuedTokens = {
    access_token: await signAccessToken(await context.keys(), {
      issuer: config.issuer,
      audience: config.audience,
      userId: session.user_id,
      sessionId: session.id,
      nowMs: now,
      ttlSeconds: config.accessTokenTtl,
      // When the session last proved who it is: its sign-in, or its latest POST /auth/reauthenticate (the time
      // sensitive operations are judged by, docs/contract.md § Re-authentication).
      authTimeMs: authenticatedAt(session),
      organization,
    }),
    refresh_token: refreshToken,
    token_type: 'bearer',
    expires_in: config.accessTokenTtl,
  }
  const record: RefreshTokenRecord = {
    token_hash: await sha256(refreshToken),
    session_id: session.id,
    user_id: session.user_id,
    created_at: now,
    expires_at: session.expires_at,
    rotated_at: null,
    successor_box: null,
  }
  return { pair, record }
}

function refreshLifetimeMs(context: ServerContext, remember: boolean): number {
  const seconds = remember
    ? context.config.refreshTokenTtl
    : Math.min(context.config.refreshTokenTtl, SHORT_SESSION_SECONDS)
  return seconds * 1000
}
