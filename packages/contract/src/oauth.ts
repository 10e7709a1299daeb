import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps the core entry inside its size budget.

/** One entry of `providers` in the response of `GET /oauth/providers`; {@link OAuthProvider} is its type. */
export const OAuthProviderSchema = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
})
/**
 * A sign-in provider the server offers (`github`, `google`, `microsoft`, and `dev` outside production).
 *
 * @example
 * ```ts
 * const { providers } = await plinto.auth.getOAuthProviders()
 * providers.map((p: OAuthProvider) => p.name) // ['GitHub', 'Development']
 * ```
 */
export type OAuthProvider = z.infer<typeof OAuthProviderSchema>

/** The response of `GET /oauth/providers` (`{ providers }`); {@link OAuthProvidersResponse} is its type. */
export const OAuthProvidersResponseSchema = /* @__PURE__ */ z.object({
  providers: /* @__PURE__ */ z.array(OAuthProviderSchema),
})
/**
 * `GET /oauth/providers`.
 *
 * @example
 * ```ts
 * const { providers }: OAuthProvidersResponse = await res.json()
 * ```
 */
export type OAuthProvidersResponse = z.infer<typeof OAuthProvidersResponseSchema>

const pkceValue = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.minLength(43),
    /* @__PURE__ */ z.maxLength(128),
    /* @__PURE__ */ z.regex(/^[A-Za-z0-9._~-]+$/, 'Use the PKCE alphabet'),
  )

/**
 * The body of `POST /oauth/{provider}/authorize` (`redirect_uri` and the PKCE challenge); {@link OAuthAuthorizeRequest}
 * is its type.
 */
export const OAuthAuthorizeRequestSchema = /* @__PURE__ */ z.object({
  redirect_uri: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(2048)),
  code_challenge: pkceValue,
  code_challenge_method: /* @__PURE__ */ z.literal('S256'),
})
/**
 * `POST /oauth/{provider}/authorize`: where to come back to (on the server's allow-list) and the PKCE
 * challenge (base64url SHA-256 of the verifier the SDK keeps).
 *
 * @example
 * ```ts
 * const body: OAuthAuthorizeRequest = {
 *   redirect_uri: 'http://localhost:5173/auth/callback',
 *   code_challenge,
 *   code_challenge_method: 'S256',
 * }
 * ```
 */
export type OAuthAuthorizeRequest = z.input<typeof OAuthAuthorizeRequestSchema>

/**
 * The response of `POST /oauth/{provider}/authorize` (`authorization_url`, `state`); {@link OAuthAuthorizeResponse} is
 * its type.
 */
export const OAuthAuthorizeResponseSchema = /* @__PURE__ */ z.object({
  authorization_url: /* @__PURE__ */ z.string(),
  state: /* @__PURE__ */ z.string(),
})
/**
 * Where to send the browser, and the `state` to expect back.
 *
 * @example
 * ```ts
 * const { authorization_url, state }: OAuthAuthorizeResponse = await res.json()
 * location.assign(authorization_url)
 * ```
 */
export type OAuthAuthorizeResponse = z.infer<typeof OAuthAuthorizeResponseSchema>

/**
 * The body of `POST /oauth/{provider}/callback` (`code`, `state`, PKCE `code_verifier`); {@link OAuthCallbackRequest}
 * is its type.
 */
export const OAuthCallbackRequestSchema = /* @__PURE__ */ z.object({
  code: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(512)),
  state: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(512)),
  code_verifier: pkceValue,
  redirect_uri: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2048))),
})
/**
 * `POST /oauth/{provider}/callback`: the one-time code and state from the redirect, and the PKCE
 * verifier. Answers an AuthResponse (or `mfa_required`, like sign-in).
 *
 * @example
 * ```ts
 * // sends the code, the state and the stored verifier
 * const { user, tokens } = await plinto.auth.handleOAuthCallback(location.href)
 * ```
 */
export type OAuthCallbackRequest = z.input<typeof OAuthCallbackRequestSchema>

/** One provider identity linked to the account, as `GET /users/me/identities` lists it; {@link ConnectedIdentity} is its type. */
export const ConnectedIdentitySchema = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  provider: /* @__PURE__ */ z.string(),
  provider_name: /* @__PURE__ */ z.string(),
  email: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  created_at: /* @__PURE__ */ z.string(),
})
/**
 * An account at an OAuth provider linked to the signed-in user: the provider (`google`, `apple`, …, with its
 * display name), the email and name the provider reported when it was linked, and when.
 *
 * @example
 * ```ts
 * const { identities } = await plinto.users.listIdentities()
 * identities.map((i: ConnectedIdentity) => `${i.provider_name}: ${i.email}`)
 * ```
 */
export type ConnectedIdentity = z.infer<typeof ConnectedIdentitySchema>

/**
 * The response of `GET /users/me/identities` (and of `POST /oauth/{provider}/link/callback`): every way the
 * account can sign in; {@link SignInMethods} is its type.
 */
export const SignInMethodsSchema = /* @__PURE__ */ z.object({
  password: /* @__PURE__ */ z.boolean(),
  identities: /* @__PURE__ */ z.array(ConnectedIdentitySchema),
  passkeys: /* @__PURE__ */ z.number(),
})
/**
 * The sign-in methods of the account: whether it has a password, its linked provider identities, and how many
 * passkeys it has. An identity can be unlinked unless it is the only method left (409 `LAST_SIGN_IN_METHOD`);
 * magic links and email codes do not count, since they reach the mailbox rather than the account and an app may
 * turn them off.
 *
 * @example
 * ```ts
 * const methods: SignInMethods = await plinto.users.listIdentities()
 * const last = Number(methods.password) + methods.identities.length + methods.passkeys === 1
 * ```
 */
export type SignInMethods = z.infer<typeof SignInMethodsSchema>
