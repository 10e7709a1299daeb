import type { ContractOperation } from './types'

const authResponse = {
  description: 'Signed in: the user and a token pair',
  schema: 'AuthResponse',
  setsRefreshCookie: true,
  noStore: true,
} as const
const signInResponse = {
  description: 'Signed in (AuthResponse), or `{ mfa_required: true, mfa_token, methods }` when the account has MFA on',
  schema: 'SignInResponse',
  setsRefreshCookie: true,
  noStore: true,
} as const
const message = (description: string) => ({ description, schema: 'MessageResponse' }) as const

/**
 * The `/auth` endpoints (CONTRACT.md § Auth, § Refresh tokens).
 *
 * @example
 * ```ts
 * import { authOperations } from '@plinto/contract/openapi'
 * authOperations.map((op) => `${op.method.toUpperCase()} ${op.path}`) // ['POST /auth/signup', …]
 * ```
 */
export const authOperations: ContractOperation[] = [
  {
    operationId: 'signUp',
    method: 'post',
    path: '/auth/signup',
    mount: 'api',
    tag: 'Auth',
    summary: 'Create an account and sign in',
    description:
      'Sends a verification email. A weak or common password is 400 `WEAK_PASSWORD`; a taken email 409 `EMAIL_TAKEN`.',
    tokenTransport: true,
    body: { schema: 'SignUpRequest' },
    responses: { 201: authResponse },
    errors: [409],
  },
  {
    operationId: 'signIn',
    method: 'post',
    path: '/auth/signin',
    mount: 'api',
    tag: 'Auth',
    summary: 'Sign in with email or username and password',
    tokenTransport: true,
    body: { schema: 'SignInRequest' },
    responses: { 200: signInResponse },
    errors: [401],
  },
  {
    operationId: 'signOut',
    method: 'post',
    path: '/auth/signout',
    mount: 'api',
    tag: 'Auth',
    summary: 'End the current session',
    description:
      'Accepts an expired (but otherwise valid) access token; idempotent. Always expires the refresh cookie.',
    auth: 'bearer',
    responses: { 204: { description: 'Signed out' } },
    errors: [],
  },
  {
    operationId: 'refreshTokens',
    method: 'post',
    path: '/auth/refresh',
    mount: 'api',
    tag: 'Auth',
    summary: 'Rotate the refresh token and get a new token pair',
    description:
      'The refresh token comes in the body, or (empty body) in the `plinto_refresh` cookie; a token read from the cookie is always answered in the cookie.',
    auth: 'refresh',
    tokenTransport: true,
    body: { schema: 'RefreshRequest', required: false },
    responses: {
      200: { description: 'The rotated token pair', schema: 'TokenResponse', setsRefreshCookie: true, noStore: true },
    },
    errors: [],
  },
  {
    operationId: 'switchOrganization',
    method: 'post',
    path: '/auth/organization/switch',
    mount: 'api',
    tag: 'Auth',
    summary: 'Make an organization active (or none) and get a new token pair carrying it',
    description:
      "A refresh that also sets the session's active organization: the refresh token (body, or the `plinto_refresh` cookie when the body has none) is rotated as by `POST /auth/refresh`, with the same grace window and reuse detection, and the new access token carries `org_id` and `org_role` (none for `organization_id: null`). Not a member of the organization (or no such organization) is 403 `FORBIDDEN`, and nothing changes. The server re-checks the membership at every refresh.",
    auth: 'refresh',
    tokenTransport: true,
    body: { schema: 'SwitchOrganizationRequest' },
    responses: {
      200: {
        description: 'The rotated token pair, for the chosen organization',
        schema: 'TokenResponse',
        setsRefreshCookie: true,
        noStore: true,
      },
    },
    errors: [403],
  },
  {
    operationId: 'reauthenticate',
    method: 'post',
    path: '/auth/reauthenticate',
    mount: 'api',
    tag: 'Auth',
    summary: 'Prove again who you are, for sensitive operations',
    description:
      "Moves the session's `authenticated_at` forward, so the operations that answer 403 `REAUTH_REQUIRED` are allowed " +
      'again for `reauthenticationMaxAgeSeconds` (10 minutes by default). A wrong password is 401 ' +
      '`INVALID_CREDENTIALS`, a wrong code 400 `INVALID_MFA_CODE`, a refused passkey 400 `PASSKEY_VERIFICATION_FAILED`; ' +
      'a method the account does not have is 422 on `method`; 5 wrong proofs per 15 minutes, then 429.',
    auth: 'bearer',
    body: { schema: 'ReauthenticateRequest' },
    responses: { 200: { description: 'Re-authenticated', schema: 'ReauthenticateResponse' } },
    errors: [],
  },
  {
    operationId: 'reauthenticationPasskeyOptions',
    method: 'post',
    path: '/auth/reauthenticate/passkey/options',
    mount: 'api',
    tag: 'Auth',
    summary: "Options for `navigator.credentials.get()` listing the signed-in user's passkeys",
    auth: 'bearer',
    responses: { 200: { description: 'PublicKeyCredentialRequestOptionsJSON', schema: 'PasskeyRequestOptions' } },
    errors: [],
  },
  {
    operationId: 'getCurrentUser',
    method: 'get',
    path: '/auth/me',
    mount: 'api',
    tag: 'Auth',
    summary: 'The signed-in user',
    auth: 'bearer',
    responses: { 200: { description: 'The user', schema: 'User' } },
    errors: [],
  },
  {
    operationId: 'changePassword',
    method: 'post',
    path: '/auth/password/change',
    mount: 'api',
    tag: 'Auth',
    summary: 'Change the password; ends all other sessions',
    description: 'A wrong current password is 401 `INVALID_CREDENTIALS` (not an access-token problem: do not refresh).',
    auth: 'bearer',
    body: { schema: 'ChangePasswordRequest' },
    responses: { 200: message('Password changed') },
    errors: [403],
  },
  {
    operationId: 'forgotPassword',
    method: 'post',
    path: '/auth/password/forgot',
    mount: 'api',
    tag: 'Auth',
    summary: 'Email a password-reset link',
    description: 'The same answer for known and unknown addresses.',
    body: { schema: 'ForgotPasswordRequest' },
    responses: { 202: message('Accepted') },
    errors: [],
  },
  {
    operationId: 'resetPassword',
    method: 'post',
    path: '/auth/password/reset',
    mount: 'api',
    tag: 'Auth',
    summary: 'Set a new password with a reset link; ends all sessions',
    body: { schema: 'ResetPasswordRequest' },
    responses: { 200: message('Password reset') },
    errors: [],
  },
  {
    operationId: 'verifyEmail',
    method: 'post',
    path: '/auth/email/verify',
    mount: 'api',
    tag: 'Auth',
    summary: 'Verify the email address with the link token',
    body: { schema: 'TokenRequest' },
    responses: { 200: message('Email verified') },
    errors: [],
  },
  {
    operationId: 'resendVerificationEmail',
    method: 'post',
    path: '/auth/email/resend',
    mount: 'api',
    tag: 'Auth',
    summary: 'Send the verification email again',
    auth: 'bearer',
    responses: { 202: message('Accepted') },
    errors: [],
  },
  {
    operationId: 'sendMagicLink',
    method: 'post',
    path: '/auth/magic-link',
    mount: 'api',
    tag: 'Auth',
    summary: 'Email a sign-in link',
    description:
      'The same answer for known and unknown addresses. `redirect_url` must be on the allow-list (422 otherwise).',
    body: { schema: 'MagicLinkRequest' },
    responses: { 202: message('Accepted') },
    errors: [],
  },
  {
    operationId: 'verifyMagicLink',
    method: 'post',
    path: '/auth/magic-link/verify',
    mount: 'api',
    tag: 'Auth',
    summary: 'Sign in with a magic-link token',
    tokenTransport: true,
    body: { schema: 'TokenRequest' },
    responses: { 200: signInResponse },
    errors: [],
  },
  {
    operationId: 'sendEmailCode',
    method: 'post',
    path: '/auth/email-code/send',
    mount: 'api',
    tag: 'Auth',
    summary: 'Email a 6-digit one-time code (sign-in or email verification)',
    description:
      'The same answer for known and unknown addresses. A new code replaces the previous one of that email and purpose; ' +
      'it lives 10 minutes and takes 5 attempts. 403 `EMAIL_CODES_DISABLED` when the server does not offer email codes.',
    body: { schema: 'EmailCodeSendRequest' },
    responses: { 202: message('Accepted') },
    errors: [403],
  },
  {
    operationId: 'verifyEmailCode',
    method: 'post',
    path: '/auth/email-code/verify',
    mount: 'api',
    tag: 'Auth',
    summary: 'Spend an emailed code: sign in (`sign_in`) or verify the address (`verify_email`)',
    description:
      '`sign_in` answers like every sign-in (tokens, or the MFA step); `verify_email` answers a message. A wrong code is ' +
      '400 `INVALID_EMAIL_CODE`, the wrong code that uses up the attempts `EMAIL_CODE_ATTEMPTS_EXCEEDED`, no live code ' +
      '(expired, used, replaced or never sent) `EMAIL_CODE_EXPIRED`.',
    tokenTransport: true,
    body: { schema: 'EmailCodeVerifyRequest' },
    responses: {
      200: {
        ...signInResponse,
        description: `${signInResponse.description}; for verify_email a message`,
        schema: 'EmailCodeVerifyResponse',
      },
    },
    errors: [400, 403],
  },
]
