import * as z from 'zod/mini'
import { TokenResponseSchema } from './tokens'
import { UserSchema } from './user'

// ---- Responses ----

export const AuthResponseSchema = z.object({ user: UserSchema, tokens: TokenResponseSchema })
/** `{ user, tokens }`: the result of every call that signs a user in. */
export type AuthResponse = z.infer<typeof AuthResponseSchema>

export const MfaMethodSchema = z.enum(['totp', 'sms', 'backup_code', 'passkey'])
/** A second factor a user can answer a sign-in challenge with. */
export type MfaMethod = z.infer<typeof MfaMethodSchema>

export const MfaRequiredResponseSchema = z.object({
  mfa_required: z.literal(true),
  mfa_token: z.string().check(z.minLength(1)),
  methods: z.array(z.string()),
})
/** What `POST /auth/signin` answers when the account has MFA on; the SDK turns it into `MFA_REQUIRED`. */
export type MfaRequiredResponse = z.infer<typeof MfaRequiredResponseSchema>

export const SignInResponseSchema = z.union([AuthResponseSchema, MfaRequiredResponseSchema])

export const MessageResponseSchema = z.object({ message: z.string() })
/** `{ message }`: the body of endpoints that only acknowledge. */
export type MessageResponse = z.infer<typeof MessageResponseSchema>

// ---- Requests ----
// Validation here is structural (types, presence, sane bounds); policy such as password strength is the
// server's, so it can answer WEAK_PASSWORD rather than a generic validation error.

const email = z.string().check(z.trim(), z.minLength(3), z.maxLength(320), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter a valid email address'))
const password = z.string().check(z.minLength(1, 'Password is required'), z.maxLength(1024))
const name = z.string().check(z.trim(), z.maxLength(100))

export const SignUpRequestSchema = z.object({
  email,
  password,
  first_name: z.optional(z.nullable(name)),
  last_name: z.optional(z.nullable(name)),
  username: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(3), z.maxLength(32), z.regex(/^[a-zA-Z0-9_.-]+$/, 'Use letters, digits, _ . -')))),
})
/**
 * @example
 * ```ts
 * await plinto.auth.signUp({ email: 'ada@example.com', password: 'correct horse battery', first_name: 'Ada' })
 * ```
 */
export type SignUpRequest = z.input<typeof SignUpRequestSchema>

export const SignInRequestSchema = z.object({
  email: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(320))),
  username: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
  password,
  remember: z.optional(z.boolean()),
})
/**
 * Sign in with `email` or `username`, and `password`.
 *
 * @example
 * ```ts
 * await plinto.auth.signIn({ email: 'ada@example.com', password, remember: true })
 * ```
 */
export type SignInRequest = z.input<typeof SignInRequestSchema>

export const RefreshRequestSchema = z.object({ refresh_token: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))) })
/** Body of `POST /auth/refresh`; empty in cookie transport. */
export type RefreshTokenRequest = z.input<typeof RefreshRequestSchema>

export const ChangePasswordRequestSchema = z.object({ current_password: password, new_password: password })
/** @example `await plinto.auth.changePassword({ current_password, new_password })` */
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequestSchema>

export const ForgotPasswordRequestSchema = z.object({ email })
/** @example `await plinto.auth.forgotPassword({ email: 'ada@example.com' })` */
export type ForgotPasswordRequest = z.input<typeof ForgotPasswordRequestSchema>

export const ResetPasswordRequestSchema = z.object({ token: z.string().check(z.minLength(1), z.maxLength(512)), new_password: password })
export type ResetPasswordRequest = z.input<typeof ResetPasswordRequestSchema>

export const TokenRequestSchema = z.object({ token: z.string().check(z.minLength(1), z.maxLength(512)) })
/** `{ token }`: email verification, magic-link verification. */
export type TokenRequest = z.input<typeof TokenRequestSchema>

export const MagicLinkRequestSchema = z.object({ email, redirect_url: z.optional(z.string().check(z.maxLength(2048))) })
/** @example `await plinto.auth.sendMagicLink({ email, redirect_url: 'https://app.example.com/auth/callback' })` */
export type MagicLinkRequest = z.input<typeof MagicLinkRequestSchema>

export const MfaChallengeRequestSchema = z.object({
  mfa_token: z.string().check(z.minLength(1), z.maxLength(2048)),
  code: z.string().check(z.trim(), z.minLength(4), z.maxLength(64)),
})
/** @example `await plinto.auth.verifyMfaChallenge({ mfa_token: err.mfaToken, code: '123456' })` */
export type MfaChallengeRequest = z.input<typeof MfaChallengeRequestSchema>
