import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

/**
 * The token pair the server issues. In cookie transport `refresh_token` is absent from the body:
 * it travels only in the HttpOnly `plinto_refresh` cookie.
 */
export const TokenResponseSchema = /* @__PURE__ */ z.object({
  access_token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1)),
  refresh_token: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1))),
  token_type: /* @__PURE__ */ z.literal('bearer'),
  expires_in: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.positive()),
})

/**
 * Tokens returned by sign-in, sign-up and refresh.
 *
 * @example
 * ```ts
 * const { tokens } = await plinto.auth.signIn({ email, password })
 * tokens.access_token // "eyJ…"
 * ```
 */
export type TokenResponse = z.infer<typeof TokenResponseSchema>
