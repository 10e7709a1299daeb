import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself). Re-authentication is used by account screens only, so
// these schemas have an entry of their own (`@plinto/contract/reauthentication`) that the SDK's lazy chunk imports.

/**
 * The ways a signed-in person can prove again who they are (`POST /auth/reauthenticate`), as listed in the
 * `methods` of a 403 `REAUTH_REQUIRED` error body; {@link ReauthenticationMethod} is its type.
 */
export const ReauthenticationMethodSchema = /* @__PURE__ */ z.enum(['password', 'totp', 'backup_code', 'passkey'])
/**
 * A way to re-authenticate: `password` (the account has one), `totp` (an authenticator app is on),
 * `backup_code` (MFA is on and unused codes remain), `passkey` (the account has one). A `REAUTH_REQUIRED` error
 * names only the methods that account has; an empty list means none: sign in again.
 *
 * @example
 * ```ts
 * const methods: ReauthenticationMethod[] = ['password', 'passkey']
 * ```
 */
export type ReauthenticationMethod = z.infer<typeof ReauthenticationMethodSchema>

const code = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(64))

/**
 * The body of `POST /auth/reauthenticate`, one proof named by `method`; {@link ReauthenticateRequest} is its type.
 * A passkey's `credential` is the AuthenticationResponseJSON of `startAuthentication` for the options of
 * `POST /auth/reauthenticate/passkey/options`.
 */
export const ReauthenticateRequestSchema = /* @__PURE__ */ z.discriminatedUnion('method', [
  /* @__PURE__ */ z.object({
    method: /* @__PURE__ */ z.literal('password'),
    password: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(1024)),
  }),
  /* @__PURE__ */ z.object({ method: /* @__PURE__ */ z.literal('totp'), code }),
  /* @__PURE__ */ z.object({ method: /* @__PURE__ */ z.literal('backup_code'), code }),
  /* @__PURE__ */ z.object({
    method: /* @__PURE__ */ z.literal('passkey'),
    credential: /* @__PURE__ */ z.looseObject({
      id: /* @__PURE__ */ z.string(),
      rawId: /* @__PURE__ */ z.string(),
      type: /* @__PURE__ */ z.literal('public-key'),
      response: /* @__PURE__ */ z.looseObject({ clientDataJSON: /* @__PURE__ */ z.string() }),
    }),
  }),
])
/**
 * `POST /auth/reauthenticate`: the password, a TOTP code, a backup code (spent), or a passkey assertion.
 *
 * @example
 * ```ts
 * const body: ReauthenticateRequest = { method: 'password', password: 'correct horse battery' }
 * ```
 */
export type ReauthenticateRequest = z.input<typeof ReauthenticateRequestSchema>

/**
 * The response of `POST /auth/reauthenticate`: when the session last proved who it is, and until when
 * sensitive operations are allowed without proving it again; {@link ReauthenticateResponse} is its type.
 */
export const ReauthenticateResponseSchema = /* @__PURE__ */ z.object({
  authenticated_at: /* @__PURE__ */ z.string(),
  reauthentication_expires_at: /* @__PURE__ */ z.string(),
})
/**
 * `POST /auth/reauthenticate`: ISO 8601 times. The session's next access token carries the new `auth_time`.
 *
 * @example
 * ```ts
 * const { reauthentication_expires_at }: ReauthenticateResponse = await res.json()
 * ```
 */
export type ReauthenticateResponse = z.infer<typeof ReauthenticateResponseSchema>
