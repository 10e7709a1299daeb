import * as z from 'zod/mini'
import {
  AuthResponseSchema,
  MfaRequiredResponseSchema,
  type AuthResponse,
  type MfaRequiredResponse,
} from '@plinto/contract/auth'
import { UserSchema } from '@plinto/contract/user'
import type { ResponseSchema } from './http'
import { PERSISTED_VERSION } from './session/persisted-record'

// The `validation` chunk (dist/validation.lazy-*.js): zod and the schemas the main entry validates with — the
// responses of the calls in the main chunk (sign-in and sign-up, refresh, the current user, messages, the OAuth
// providers) and the stored session record. ./validation loads it with `import()` the first time a response has
// to be validated or a stored record read, in parallel with the request it validates; a visitor with no stored
// session downloads it only with their first call. The lazily loaded modules (./modules/*.lazy) import their
// own schemas statically, so zod lands in a chunk that only lazily loaded chunks share. Import nothing from here
// statically (`import type` is fine), or zod joins the main chunk again.
//
// The names are short on purpose: the main chunk spells them out at every call (`(v) => v.user`).

export { AuthResponseSchema as auth, UserSchema as user }
export { MessageResponseSchema as message } from '@plinto/contract/auth'
export { OAuthProvidersResponseSchema as oauthProviders } from '@plinto/contract/oauth'
export { TokenResponseSchema as tokens } from '@plinto/contract/tokens'

/**
 * The answer of a first-factor sign-in (password, magic link, OAuth): the session, or the MFA step. Picks the
 * schema by the `mfa_required` discriminator instead of `z.union` (SignInResponseSchema): same validation, and
 * the union machinery costs ~0.8 KB gzip.
 */
export const signIn: ResponseSchema<AuthResponse | MfaRequiredResponse> = {
  safeParse: (data) =>
    (typeof data === 'object' && data !== null && 'mfa_required' in data
      ? MfaRequiredResponseSchema
      : AuthResponseSchema
    ).safeParse(data),
}

/** The stored session record, version {@link PERSISTED_VERSION} (see ../session/persisted-record). */
export const session = /* @__PURE__ */ z.object({
  v: /* @__PURE__ */ z.literal(PERSISTED_VERSION),
  access_token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1)),
  refresh_token: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1))),
  /** Access-token expiry, ms since the epoch. */
  expires_at: /* @__PURE__ */ z.number(),
  user: UserSchema,
})
