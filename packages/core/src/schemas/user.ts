import * as z from 'zod/mini'

/** A Plinto user as the API returns it (wire names, snake_case). */
export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  email_verified: z.boolean(),
  username: z.nullable(z.string()),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
  profile_image_url: z.nullable(z.string()),
  mfa_enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  last_sign_in_at: z.nullable(z.string()),
})

/**
 * A Plinto user.
 *
 * @example
 * ```ts
 * const user: User = await plinto.auth.getCurrentUser()
 * console.log(user.email, user.email_verified)
 * ```
 */
export type User = z.infer<typeof UserSchema>
