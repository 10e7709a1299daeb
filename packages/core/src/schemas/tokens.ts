import * as z from 'zod/mini'

/**
 * The token pair the server issues. In cookie transport `refresh_token` is absent from the body:
 * it travels only in the HttpOnly `plinto_refresh` cookie.
 */
export const TokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  token_type: z.literal('bearer'),
  expires_in: z.number().check(z.positive()),
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
