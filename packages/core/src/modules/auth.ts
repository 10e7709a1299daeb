import type { PlintoContext } from '../context'
import { isPlintoError, PlintoError } from '../errors'
import {
  AuthResponseSchema,
  MessageResponseSchema,
  MfaRequiredResponseSchema,
  type AuthResponse,
  type ChangePasswordRequest,
  type ForgotPasswordRequest,
  type MagicLinkRequest,
  type MessageResponse,
  type MfaChallengeRequest,
  type MfaRequiredResponse,
  type RefreshTokenRequest,
  type SignInRequest,
  type SignUpRequest,
} from '../schemas/auth'
import type { TokenResponse } from '../schemas/tokens'
import { UserSchema, type User } from '../schemas/user'
import type { ResponseSchema } from '../http'

// Picks the schema by the `mfa_required` discriminator instead of `z.union` (SignInResponseSchema):
// same validation, and the union machinery costs ~0.8 KB gzip in the bundle.
const SignInResult: ResponseSchema<AuthResponse | MfaRequiredResponse> = {
  safeParse: (data) =>
    (typeof data === 'object' && data !== null && 'mfa_required' in data ? MfaRequiredResponseSchema : AuthResponseSchema).safeParse(data),
}

/**
 * `plinto.auth`: sign-up, sign-in (with the MFA step), sign-out, refresh, the current user, passwords,
 * email verification and magic links. Every method resolves with a validated wire object or throws a
 * {@link PlintoError}.
 *
 * @example
 * ```ts
 * const { user, tokens } = await plinto.auth.signIn({ email: 'ada@example.com', password })
 * const me = await plinto.auth.getCurrentUser()
 * await plinto.auth.signOut()
 * ```
 */
export interface AuthModule {
  /**
   * Creates an account and signs it in. The server sends a verification email.
   * @example `const { user } = await plinto.auth.signUp({ email, password, first_name: 'Ada' })`
   */
  signUp(request: SignUpRequest): Promise<AuthResponse>
  /**
   * Signs in with email (or username) and password. When the account has MFA on, throws `PlintoError`
   * `MFA_REQUIRED` carrying `mfaToken` and `methods`; finish with {@link AuthModule.verifyMfaChallenge}.
   * @example
   * ```ts
   * try { await plinto.auth.signIn({ email, password, remember: true }) }
   * catch (err) { if (isPlintoError(err) && err.code === 'MFA_REQUIRED') showCodeStep(err.mfaToken!) }
   * ```
   */
  signIn(request: SignInRequest): Promise<AuthResponse>
  /**
   * Finishes a sign-in that answered `MFA_REQUIRED` (`POST /mfa/challenge`) and signs in.
   * @example `await plinto.auth.verifyMfaChallenge({ mfa_token: err.mfaToken!, code: '123456' })`
   */
  verifyMfaChallenge(request: MfaChallengeRequest): Promise<AuthResponse>
  /**
   * Ends the session on the server (best effort) and always locally; other tabs follow.
   * @example `await plinto.auth.signOut()`
   */
  signOut(): Promise<void>
  /**
   * Refreshes the access token now (single-flight with any background refresh). With a
   * `refresh_token`, refreshes that token instead and adopts the session it belongs to.
   * In cookie mode the returned tokens have no `refresh_token`.
   * @example `const { access_token } = await plinto.auth.refreshToken()`
   */
  refreshToken(request?: RefreshTokenRequest): Promise<TokenResponse>
  /**
   * Fetches the signed-in user (`GET /auth/me`), updating the snapshot; `null` when signed out.
   * @example `const user = await plinto.auth.getCurrentUser()`
   */
  getCurrentUser(): Promise<User | null>
  /**
   * Changes the password; the server ends every other session of the user.
   * @example `await plinto.auth.changePassword({ current_password, new_password })`
   */
  changePassword(request: ChangePasswordRequest): Promise<MessageResponse>
  /**
   * Emails a reset link. Answers the same for unknown emails (no account enumeration).
   * @example `await plinto.auth.forgotPassword({ email: 'ada@example.com' })`
   */
  forgotPassword(request: ForgotPasswordRequest): Promise<MessageResponse>
  /**
   * Sets a new password with the token from the reset email; the server ends all sessions.
   * @example `await plinto.auth.resetPassword(tokenFromUrl, 'a new long passphrase')`
   */
  resetPassword(token: string, newPassword: string): Promise<MessageResponse>
  /**
   * Confirms an email address with the token from the verification email.
   * @example `await plinto.auth.verifyEmail(new URL(location.href).searchParams.get('token')!)`
   */
  verifyEmail(token: string): Promise<MessageResponse>
  /**
   * Sends the verification email again to the signed-in user.
   * @example `await plinto.auth.resendVerification()`
   */
  resendVerification(): Promise<MessageResponse>
  /**
   * Emails a one-time sign-in link. Answers the same for unknown emails.
   * @example `await plinto.auth.sendMagicLink({ email, redirect_url: 'https://app.example.com/auth/callback' })`
   */
  sendMagicLink(request: MagicLinkRequest): Promise<MessageResponse>
  /**
   * Signs in with the token of a magic link.
   * @example `const { user } = await plinto.auth.verifyMagicLink(tokenFromUrl)`
   */
  verifyMagicLink(token: string): Promise<AuthResponse>
}

/**
 * Creates the auth module over the client's context.
 *
 * @example
 * ```ts
 * const auth = createAuthModule(context) // what PlintoClient does for `plinto.auth`
 * ```
 */
export function createAuthModule({ http, tokens, store, log }: PlintoContext): AuthModule {
  const post = <T>(path: string, json: unknown, schema: Parameters<typeof http.request<T>>[1]['schema'], auth = false) =>
    http.request<T>(path, { method: 'POST', ...(json === undefined ? {} : { json }), schema, auth })

  const signInWith = async (path: string, body: unknown) => tokens.startSession(await post(path, body, AuthResponseSchema))

  return {
    signUp: (request) => signInWith('auth/signup', request),
    async signIn(request) {
      const result = await post('auth/signin', request, SignInResult)
      if ('mfa_required' in result) {
        throw new PlintoError('MFA_REQUIRED', 'Enter the code from your second factor to finish signing in', {
          status: 200,
          mfaToken: result.mfa_token,
          methods: result.methods,
        })
      }
      return tokens.startSession(result)
    },
    verifyMfaChallenge: (request) => signInWith('mfa/challenge', request),
    verifyMagicLink: (token) => signInWith('auth/magic-link/verify', { token }),
    async signOut() {
      // A sign-out during restore must not be undone by the restore finishing after it.
      await tokens.ready
      if (!tokens.current()) {
        tokens.endSession('user')
        return
      }
      try {
        // Bearer and 401→refresh→retry apply: an expired access token must still end the server session,
        // or in cookie mode the still-valid cookie would sign the user back in on the next load.
        await post('auth/signout', undefined, null, true)
      } catch (error) {
        log('server sign-out failed:', isPlintoError(error) ? error.code : error)
      } finally {
        tokens.endSession('user')
      }
    },
    refreshToken: (request) => (request?.refresh_token ? tokens.refreshWith(request.refresh_token) : tokens.refresh()),
    async getCurrentUser() {
      await tokens.ready
      if (!tokens.current()) return null
      try {
        const user = await http.request('auth/me', { schema: UserSchema })
        tokens.setUser(user)
        return user
      } catch (error) {
        // The refresh behind a 401 found the session dead and signed out: that is "no user", not a failure.
        if (store.getSnapshot().status === 'signed_out') return null
        throw error
      }
    },
    changePassword: (request) => post('auth/password/change', request, MessageResponseSchema, true),
    forgotPassword: (request) => post('auth/password/forgot', request, MessageResponseSchema),
    resetPassword: (token, newPassword) => post('auth/password/reset', { token, new_password: newPassword }, MessageResponseSchema),
    verifyEmail: (token) => post('auth/email/verify', { token }, MessageResponseSchema),
    resendVerification: () => post('auth/email/resend', undefined, MessageResponseSchema, true),
    sendMagicLink: (request) => post('auth/magic-link', request, MessageResponseSchema),
  }
}
