import type { ModuleContext } from '../module-context'
import { isPlintoError, PlintoError } from '../errors'
import type {
  AuthResponse,
  ChangePasswordRequest,
  EmailCodeSendRequest,
  ForgotPasswordRequest,
  MagicLinkRequest,
  MessageResponse,
  MfaChallengeRequest,
  RefreshTokenRequest,
  SignInRequest,
  SignUpRequest,
} from '@plinto/contract/auth'
import type { TokenResponse } from '@plinto/contract'
import type { User } from '@plinto/contract/user'
import type { MfaChallengeSendRequest, MfaEnabledResponse, TotpSetupResponse } from '@plinto/contract'
import type { OAuthProvidersResponse } from '@plinto/contract'
import type { Passkey } from '@plinto/contract'
import type { ReauthenticateResponse } from '@plinto/contract/reauthentication'
import { loadOnce } from './lazy'
import type { MfaModule } from './mfa'
import type { InitiateOAuthOptions, LinkOAuthProviderOptions, OAuthFlows, OAuthLinkResult } from './oauth'
import type { PasskeyAuthRequest, PasskeyRegisterRequest, PasskeysModule } from './passkeys'
import type { PhoneVerificationCalls } from './phone'
import { finishSignIn } from './shared'

/**
 * What `auth.setupMFA` resolves with: the TOTP set-up, or the acknowledgement that an SMS code was sent.
 *
 * @example
 * ```ts
 * const setup: MFASetupResponse = await plinto.auth.setupMFA('totp')
 * if ('qr_code' in setup) img.src = setup.qr_code
 * ```
 */
export type MFASetupResponse = TotpSetupResponse | MessageResponse

/**
 * One proof for {@link AuthModule.reauthenticate}: the password, a code from the authenticator app, a backup code
 * (spent), or `{ passkey: true }` to run the WebAuthn prompt with the user's passkeys.
 *
 * @example
 * ```ts
 * const proof: ReauthenticateInput = { password: 'correct horse battery' }
 * ```
 */
export type ReauthenticateInput = { password: string } | { code: string } | { backupCode: string } | { passkey: true }

/**
 * `plinto.auth`: sign-up, sign-in (with the MFA step), sign-out, refresh, the current user, passwords,
 * email verification, magic links and the account's phone number (`startPhoneVerification`, `verifyPhone`). Every method resolves with a validated wire object or throws a
 * {@link PlintoError}.
 *
 * @example
 * ```ts
 * const { user, tokens } = await plinto.auth.signIn({ email: 'ada@example.com', password })
 * const me = await plinto.auth.getCurrentUser()
 * await plinto.auth.signOut()
 * ```
 */
export interface AuthModule extends PhoneVerificationCalls {
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
   * Emails a one-time sign-in link. Answers the same for unknown emails. `redirect_url` (where the link
   * leads, with `magic_token=…` added) must equal an entry of the server's allow-list exactly, otherwise
   * `VALIDATION_ERROR` on `redirect_url`; without it the server uses `{appUrl}/auth/callback`.
   * @example `await plinto.auth.sendMagicLink({ email, redirect_url: 'https://app.example.com/auth/callback' })`
   */
  sendMagicLink(request: MagicLinkRequest): Promise<MessageResponse>
  /**
   * Signs in with the token of a magic link (the `magic_token` query parameter of the link). Throws
   * `MFA_REQUIRED` like `signIn` when the account has a second factor.
   * @example `const { user } = await plinto.auth.verifyMagicLink(new
   * URL(location.href).searchParams.get('magic_token')!)`
   */
  verifyMagicLink(token: string): Promise<AuthResponse>
  /**
   * Emails a 6-digit one-time code (10 minutes, once, 5 attempts) for `purpose` `'sign_in'` or `'verify_email'`; a
   * new one replaces the previous. Answers the same for unknown emails. Throws `EMAIL_CODES_DISABLED` when the server
   * does not offer codes (its `emailCodes` option).
   * @example `await plinto.auth.sendEmailCode({ email: 'ada@example.com', purpose: 'sign_in' })`
   */
  sendEmailCode(request: EmailCodeSendRequest): Promise<MessageResponse>
  /**
   * Signs in with an emailed code (see {@link AuthModule.sendEmailCode}). Throws `MFA_REQUIRED` like `signIn` when
   * the account has a second factor; `INVALID_EMAIL_CODE` (wrong, try again), `EMAIL_CODE_ATTEMPTS_EXCEEDED` or
   * `EMAIL_CODE_EXPIRED` (send a new code) otherwise.
   * @example `const { user } = await plinto.auth.signInWithEmailCode({ email: 'ada@example.com', code: '123456' })`
   */
  signInWithEmailCode(request: { email: string; code: string }): Promise<AuthResponse>
  /**
   * Verifies an email address with an emailed code (`purpose: 'verify_email'`); `email` defaults to the signed-in
   * user's, whose `email_verified` the snapshot then shows. Same errors as {@link AuthModule.signInWithEmailCode}.
   * @example `await plinto.auth.verifyEmailWithCode({ code: '123456' })`
   */
  verifyEmailWithCode(request: { code: string; email?: string }): Promise<MessageResponse>
  /**
   * During a sign-in that threw `MFA_REQUIRED` (with `'sms'` in `err.methods`): texts a sign-in code to
   * the account's phone; finish with {@link AuthModule.verifyMfaChallenge}. Same as `mfa.sendChallenge`.
   * @example `await plinto.auth.sendMfaChallenge({ mfa_token: err.mfaToken!, method: 'sms' })`
   */
  sendMfaChallenge(request: MfaChallengeSendRequest): Promise<MessageResponse>
  /**
   * Starts setting up a second factor for the signed-in user: `'totp'` returns the secret, QR code and
   * backup codes (= `mfa.enableTotp()`); `'sms'` texts a code to `phone` (= `mfa.enableSms(phone)`).
   * Finish with {@link AuthModule.verifyMFA}.
   * @example
   * ```ts
   * const { qr_code } = await plinto.auth.setupMFA('totp')
   * await plinto.auth.setupMFA('sms', '+14155550123')
   * ```
   */
  setupMFA(type: 'totp'): Promise<TotpSetupResponse>
  /**
   * Texts a set-up code to `phone` (E.164) and resolves with the server's acknowledgement; finish with
   * {@link AuthModule.verifyMFA}.
   */
  setupMFA(type: 'sms', phone: string): Promise<MessageResponse>
  /**
   * Either factor, chosen at run time: resolves with a {@link TotpSetupResponse} for `'totp'` or a
   * {@link MessageResponse} for `'sms'` (which needs `phone`).
   */
  setupMFA(type: 'totp' | 'sms', phone?: string): Promise<MFASetupResponse>
  /**
   * Finishes the set-up started by the last {@link AuthModule.setupMFA} of this client (TOTP if none):
   * `mfa.verifyTotp(code)` or `mfa.verifySms(code)`. Resolves with `success: true`; a wrong code throws
   * `INVALID_MFA_CODE`.
   * @example `const { success } = await plinto.auth.verifyMFA('123456')`
   */
  verifyMFA(code: string): Promise<MfaEnabledResponse & { success: boolean }>
  /**
   * Starts an OAuth sign-in (PKCE S256): asks the server for the provider's URL, keeps `state` and the
   * PKCE verifier for the return (sessionStorage), then navigates there unless `navigate: false`.
   * On the `redirectUri` page, call {@link AuthModule.handleOAuthCallback}.
   * @example
   * ```ts
   * await plinto.auth.initiateOAuth('github') // → {location.origin}/auth/callback afterwards
   * const { url } = await plinto.auth.initiateOAuth('google', { redirectUri: 'https://app.example.com/auth/callback', navigate: false })
   * ```
   */
  initiateOAuth(provider: string, options?: InitiateOAuthOptions): Promise<{ url: string }>
  /**
   * Finishes an OAuth sign-in on the redirect page: checks `state` against the stored transaction
   * (`OAUTH_STATE_MISMATCH` otherwise, and pending transactions are dropped), sends code + verifier,
   * signs in. A provider error (`?error=access_denied`) is `OAUTH_ERROR`; an account with MFA throws
   * `MFA_REQUIRED`.
   * @example
   * ```ts
   * const { user } = await plinto.auth.handleOAuthCallback() // reads location.href
   * history.replaceState(null, '', '/') // drop code and state from the address bar
   * ```
   */
  handleOAuthCallback(url?: string): Promise<AuthResponse>
  /**
   * Links another provider to the signed-in account: like {@link AuthModule.initiateOAuth}, but the server binds
   * the state to this session, and the return is finished by {@link AuthModule.handleOAuthLinkCallback} (which
   * `<AuthCallback/>` calls). `returnTo` (default: this page) is where the app goes back to afterwards.
   * @example
   * ```ts
   * await plinto.auth.linkOAuthProvider('github', { returnTo: '/account' })
   * ```
   */
  linkOAuthProvider(provider: string, options?: LinkOAuthProviderOptions): Promise<{ url: string }>
  /**
   * On the redirect page: finishes a link started by {@link AuthModule.linkOAuthProvider} and resolves with its
   * outcome and `returnTo`, or resolves `null` when this return is not a pending link's (a sign-in's: call
   * {@link AuthModule.handleOAuthCallback} then, which also reports a state this tab did not start). A failed link
   * resolves with `error` rather than throwing, so the page can still go back: `IDENTITY_ALREADY_LINKED` when
   * another account holds the identity (nothing changed), `OAUTH_ERROR` when the provider refused.
   * @example
   * ```ts
   * const linked = await plinto.auth.handleOAuthLinkCallback()
   * if (!linked) await plinto.auth.handleOAuthCallback()
   * else location.assign(linked.error ? `/account?link_error=${linked.error.code}` : (linked.returnTo ?? '/account'))
   * ```
   */
  handleOAuthLinkCallback(url?: string): Promise<OAuthLinkResult | null>
  /**
   * The OAuth providers the server offers, for sign-in buttons.
   * @example `const { providers } = await plinto.auth.getOAuthProviders()`
   */
  getOAuthProviders(): Promise<OAuthProvidersResponse>
  /**
   * Registers a passkey for the signed-in user. Same as `passkeys.registerPasskey`.
   * @example `await plinto.auth.registerPasskey({ name: 'MacBook' })`
   */
  registerPasskey(request?: PasskeyRegisterRequest): Promise<Passkey>
  /**
   * Signs in with a passkey. Same as `passkeys.authenticatePasskey`.
   * @example `const { user } = await plinto.auth.authenticatePasskey()`
   */
  authenticatePasskey(request?: PasskeyAuthRequest): Promise<AuthResponse>
  /**
   * Proves again who the signed-in person is (`POST /auth/reauthenticate`), so that sensitive operations refused
   * with `REAUTH_REQUIRED` are allowed again for a while (10 minutes by default). Use one of the `methods` of that
   * error. A wrong password is `INVALID_CREDENTIALS`, a wrong code `INVALID_MFA_CODE`; 5 wrong tries per 15 minutes,
   * then `RATE_LIMITED`. The tokens are then refreshed, so the access token's `auth_time` is the new time.
   * @example
   * ```ts
   * await plinto.auth.reauthenticate({ password })
   * await plinto.auth.reauthenticate({ code: '123456' })
   * await plinto.auth.reauthenticate({ passkey: true })
   * ```
   */
  reauthenticate(input: ReauthenticateInput): Promise<ReauthenticateResponse>
}

/** The modules whose methods `auth` also offers under the names of the public docs. */
export interface AuthModuleDeps {
  mfa: MfaModule
  passkeys: PasskeysModule
  oauth: OAuthFlows
  /** The phone-number calls (`startPhoneVerification`, `verifyPhone`, `removePhoneNumber`), loaded lazily. */
  phone: PhoneVerificationCalls
}

/**
 * Creates the auth module over the client's context.
 */
export function createAuthModule(context: ModuleContext, { mfa, passkeys, oauth, phone }: AuthModuleDeps): AuthModule {
  const { http, session, store, log } = context
  let pendingFactor: 'totp' | 'sms' = 'totp'
  const post = <T>(
    path: string,
    json: unknown,
    schema: Parameters<typeof http.request<T>>[1]['schema'],
    auth = false,
  ) => http.request<T>(path, { method: 'POST', ...(json === undefined ? {} : { json }), schema, auth })

  const reauthentication = loadOnce(() => import('./reauthentication.lazy'))
  const signInWith = async (path: string, body: unknown) => session.start(await post(path, body, (v) => v.auth))

  return {
    signUp: (request) => signInWith('auth/signup', request),
    signIn: async (request) => finishSignIn(context, await post('auth/signin', request, (v) => v.signIn)),
    verifyMfaChallenge: (request) => signInWith('mfa/challenge', request),
    verifyMagicLink: async (token) =>
      finishSignIn(context, await post('auth/magic-link/verify', { token }, (v) => v.signIn)),
    async signOut() {
      // A sign-out during restore must not be undone by the restore finishing after it.
      await session.ready
      if (!session.current()) {
        session.end('user')
        return
      }
      try {
        // Bearer and 401→refresh→retry apply: an expired access token must still end the server session,
        // or in cookie mode the still-valid cookie would sign the user back in on the next load.
        await post('auth/signout', undefined, null, true)
      } catch (error) {
        log('server sign-out failed:', isPlintoError(error) ? error.code : error)
      } finally {
        session.end('user')
      }
    },
    refreshToken: (request) =>
      request?.refresh_token ? session.refreshWith(request.refresh_token) : session.refresh(),
    async getCurrentUser() {
      await session.ready
      if (!session.current()) return null
      try {
        const user = await http.request('auth/me', { schema: (v) => v.user })
        session.setUser(user)
        return user
      } catch (error) {
        // The refresh behind a 401 found the session dead and signed out: that is "no user", not a failure.
        if (store.getSnapshot().status === 'signed_out') return null
        throw error
      }
    },
    changePassword: (request) => post('auth/password/change', request, (v) => v.message, true),
    forgotPassword: (request) => post('auth/password/forgot', request, (v) => v.message),
    resetPassword: (token, newPassword) =>
      post('auth/password/reset', { token, new_password: newPassword }, (v) => v.message),
    verifyEmail: (token) => post('auth/email/verify', { token }, (v) => v.message),
    resendVerification: () => post('auth/email/resend', undefined, (v) => v.message, true),
    sendMagicLink: (request) => post('auth/magic-link', request, (v) => v.message),
    sendEmailCode: (request) => post('auth/email-code/send', request, (v) => v.message),
    signInWithEmailCode: async (request) =>
      finishSignIn(context, await post('auth/email-code/verify', { ...request, purpose: 'sign_in' }, (v) => v.signIn)),
    async verifyEmailWithCode({ code, email }) {
      const user = session.current()?.user
      const address = email ?? user?.email
      if (!address) throw new PlintoError('CONFIG_ERROR', 'verifyEmailWithCode needs an email when no one is signed in')
      const answer = await post(
        'auth/email-code/verify',
        { email: address, code, purpose: 'verify_email' },
        (v) => v.message,
      )
      if (user && user.email.toLowerCase() === address.trim().toLowerCase())
        session.setUser({ ...user, email_verified: true })
      return answer
    },
    sendMfaChallenge: mfa.sendChallenge,
    setupMFA: ((type: 'totp' | 'sms', phone?: string) => {
      pendingFactor = type
      // biome-ignore lint/style/noNonNullAssertion: the overloads of AuthModule['setupMFA'] require a phone with 'sms'
      return type === 'sms' ? mfa.enableSms(phone!) : mfa.enableTotp()
    }) as AuthModule['setupMFA'],
    async verifyMFA(code) {
      const result = await (pendingFactor === 'sms' ? mfa.verifySms : mfa.verifyTotp)(code)
      return { ...result, success: result.enabled }
    },
    ...oauth,
    ...phone,
    registerPasskey: passkeys.registerPasskey,
    authenticatePasskey: passkeys.authenticatePasskey,
    reauthenticate: async (input) => (await reauthentication()).reauthenticate(context, input),
  }
}
