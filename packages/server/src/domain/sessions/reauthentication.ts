import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import type { ReauthenticateRequest, ReauthenticateResponse, ReauthenticationMethod } from '@plinto/contract'
import { toIso } from '../../clock'
import { verifyPassword } from '../../crypto/password'
import { ApiError, errors } from '../../errors'
import type { ServerContext } from '../../server-context'
import type { SessionRecord, UserRecord } from '../../store/types'
import { acceptFactorCode, invalidMfaCode } from '../mfa/mfa'
import { authenticateWithPasskey } from '../passkeys/passkeys'

/** Wrong proofs a user may send to `POST /auth/reauthenticate` per window, then 429 until the window ends. */
export const REAUTHENTICATION_FAILURES = { limit: 5, windowSeconds: 15 * 60 }

/**
 * When a session last proved who it is: its sign-in, or its latest re-authentication. Sessions stored before
 * `authenticated_at` existed count from their start, which is when they signed in.
 *
 * @example
 * ```ts
 * const age = context.clock.now() - authenticatedAt(session)
 * ```
 */
export function authenticatedAt(session: SessionRecord): number {
  return session.authenticated_at ?? session.created_at
}

/**
 * The ways this account can prove again who it is, in the contract's order: `password` (it has one), `totp` (an
 * authenticator app is on), `backup_code` (MFA is on and codes remain), `passkey` (it has one). Empty for an account
 * with none of them (magic link or OAuth only): such a session cannot re-authenticate, only sign in again.
 *
 * @example
 * ```ts
 * await reauthenticationMethods(context, user) // ['password', 'totp', 'backup_code']
 * ```
 */
export async function reauthenticationMethods(
  context: ServerContext,
  user: UserRecord,
): Promise<ReauthenticationMethod[]> {
  const [mfa, passkeys] = await Promise.all([
    context.store.mfa.get(user.id),
    context.store.passkeys.listByUser(user.id),
  ])
  const methods: ReauthenticationMethod[] = []
  if (user.password_hash) methods.push('password')
  if (mfa?.totp_enabled) methods.push('totp')
  if (mfa && (mfa.totp_enabled || mfa.sms_enabled) && mfa.backup_code_hashes.length > 0) methods.push('backup_code')
  if (passkeys.length > 0) methods.push('passkey')
  return methods
}

/**
 * Refuses a sensitive operation (403 `REAUTH_REQUIRED`, with the account's `methods`) unless the session proved who
 * it is within `reauthenticationMaxAgeSeconds`. Judged from the stored session, not the access token's `auth_time`:
 * a re-authentication counts at once, without waiting for the next refresh, and an old token cannot claim more.
 *
 * @example
 * ```ts
 * await requireRecentAuthenticationOf(c.var.server, c.var.user, c.var.session)
 * ```
 */
export async function requireRecentAuthenticationOf(
  context: ServerContext,
  user: UserRecord,
  session: SessionRecord,
): Promise<void> {
  const age = context.clock.now() - authenticatedAt(session)
  if (age <= context.config.reauthenticationMaxAgeSeconds * 1000) return
  throw new ApiError(403, 'REAUTH_REQUIRED', 'Confirm it is you to continue: re-authenticate, then try again', {
    methods: await reauthenticationMethods(context, user),
  })
}

/**
 * `POST /auth/reauthenticate`: checks one proof (password, TOTP code, backup code — spent —, or a passkey assertion
 * for options of `POST /auth/reauthenticate/passkey/options`) and moves the session's `authenticated_at` to now.
 *
 * - A method the account does not have: 422 on `method` (not counted: the session holder may know the methods).
 * - Every proof is counted before it is checked, in one atomic step in the store (N concurrent proofs get at most
 *   {@link REAUTHENTICATION_FAILURES}`.limit` checks, on every instance sharing the store); a right proof gives its
 *   attempt back. Past the limit: 429 `RATE_LIMITED` with `retry_after` until the window ends.
 * - Wrong password: 401 `INVALID_CREDENTIALS` on `password`; wrong code: 400 `INVALID_MFA_CODE`; a refused
 *   passkey (or one of another account): 400 `PASSKEY_VERIFICATION_FAILED`.
 */
export async function reauthenticate(
  context: ServerContext,
  user: UserRecord,
  session: SessionRecord,
  proof: ReauthenticateRequest,
): Promise<ReauthenticateResponse> {
  const methods = await reauthenticationMethods(context, user)
  if (!methods.includes(proof.method)) {
    throw errors.validation('This account cannot re-authenticate this way', [
      { field: 'method', message: `Use one of: ${methods.join(', ') || 'none (sign in again)'}` },
    ])
  }
  const now = context.clock.now()
  const key = `reauth-failures:${user.id}`
  const claim = await context.store.challenges.claimWindowAttempt(
    {
      key,
      kind: 'reauth_failures',
      user_id: user.id,
      data: {},
      attempts: 0,
      created_at: now,
      expires_at: now + REAUTHENTICATION_FAILURES.windowSeconds * 1000,
    },
    REAUTHENTICATION_FAILURES.limit,
    now,
  )
  if (!claim.allowed) {
    const retryAfter = Math.max(1, Math.ceil((claim.expires_at - now) / 1000))
    throw new ApiError(429, 'RATE_LIMITED', `Too many failed attempts. Try again in ${retryAfter} seconds.`, {
      retryAfter,
    })
  }
  await checkProof(context, user, proof)
  await context.store.challenges.releaseAttempt(key, 'reauth_failures', claim.expires_at)

  const at = context.clock.now()
  // Only forward: a slow proof that finishes after a newer one must not move the time back.
  const current = await context.store.sessions.get(session.id)
  const next = Math.max(at, current ? authenticatedAt(current) : at)
  if (!current || current.revoked_at !== null) throw errors.sessionRevoked()
  await context.store.sessions.update(session.id, { authenticated_at: next })
  return {
    authenticated_at: toIso(next),
    reauthentication_expires_at: toIso(next + context.config.reauthenticationMaxAgeSeconds * 1000),
  }
}

/** Throws the method's own refusal when the proof is wrong. */
async function checkProof(context: ServerContext, user: UserRecord, proof: ReauthenticateRequest): Promise<void> {
  switch (proof.method) {
    case 'password': {
      if (user.password_hash && (await verifyPassword(proof.password, user.password_hash))) return
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'Password is incorrect', {
        errors: [{ field: 'password', message: 'Password is incorrect' }],
      })
    }
    case 'totp':
    case 'backup_code': {
      const record = await context.store.mfa.get(user.id)
      // TOTP: each time step once (as at sign-in); a backup code: spent. `totpSecret: null` keeps a backup-code
      // proof from being taken as a TOTP code and the reverse.
      const accepted =
        record !== undefined &&
        (proof.method === 'totp'
          ? /^\d{6}$/.test(proof.code.trim()) &&
            (await acceptFactorCode(context, record, proof.code, { allowBackup: false }))
          : await acceptFactorCode(context, record, proof.code, { allowBackup: true, totpSecret: null }))
      if (accepted) return
      throw invalidMfaCode()
    }
    case 'passkey': {
      const owner = await authenticateWithPasskey(context, proof.credential as unknown as AuthenticationResponseJSON)
      if (owner.id === user.id) return
      throw new ApiError(400, 'PASSKEY_VERIFICATION_FAILED', 'The passkey does not belong to this account')
    }
  }
}
