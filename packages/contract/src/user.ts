import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

/** A Plinto user as the API returns it (wire names, snake_case). */
export const UserSchema = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  email: /* @__PURE__ */ z.string(),
  email_verified: /* @__PURE__ */ z.boolean(),
  username: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  first_name: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  last_name: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  profile_image_url: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  mfa_enabled: /* @__PURE__ */ z.boolean(),
  // The two phone fields came later than the others and are optional on reading: a server that does not send
  // them yet (an older reference server, another backend of the contract) means "no phone number" instead of
  // failing every sign-in. The reference server always sends both. (`z._default` would fill them in, but costs
  // the SDK 0.28 kB gzip of zod machinery.)
  /**
   * The account's phone number (E.164), verified or not; `null` when none is set (absent from servers that
   * predate it). Not the SMS second factor's.
   */
  phone_number: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string())),
  /** True once the person proved they receive texts at `phone_number`; changing the number resets it. */
  phone_verified: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  created_at: /* @__PURE__ */ z.string(),
  updated_at: /* @__PURE__ */ z.string(),
  last_sign_in_at: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
})

/**
 * A Plinto user.
 *
 * @example
 * ```ts
 * const user: User = await plinto.auth.getCurrentUser()
 * console.log(user.email, user.email_verified, user.phone_number, user.phone_verified)
 * ```
 */
export type User = z.infer<typeof UserSchema>
