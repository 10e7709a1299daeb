import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

const name = /* @__PURE__ */ z.nullable(
  /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(100)),
)

/** The body of `PATCH /users/me` (omitted fields stay, `null` clears); {@link UpdateUserRequest} is its type. */
export const UpdateUserRequestSchema = /* @__PURE__ */ z.object({
  first_name: /* @__PURE__ */ z.optional(name),
  last_name: /* @__PURE__ */ z.optional(name),
  username: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z
        .string()
        .check(
          /* @__PURE__ */ z.trim(),
          /* @__PURE__ */ z.minLength(3),
          /* @__PURE__ */ z.maxLength(32),
          /* @__PURE__ */ z.regex(/^[a-zA-Z0-9_.-]+$/, 'Use letters, digits, _ . -'),
        ),
    ),
  ),
  profile_image_url: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z
        .string()
        .check(
          /* @__PURE__ */ z.trim(),
          /* @__PURE__ */ z.maxLength(2048),
          /* @__PURE__ */ z.regex(/^(?:https?:\/\/[^\s/?#]+[^\s]*)?$/i, 'Must be an http(s) URL'),
        ),
    ),
  ),
})
/**
 * `PATCH /users/me`: the fields to change; omitted fields stay, `null` clears one.
 *
 * @example
 * ```ts
 * const user = await plinto.users.updateProfile({ first_name: 'Ada', profile_image_url: 'https://example.com/ada.png' })
 * ```
 */
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>

/**
 * The body of `DELETE /users/me` (`{ password }`, or `{}` for password-less accounts); {@link DeleteUserRequest} is its
 * type.
 */
export const DeleteUserRequestSchema = /* @__PURE__ */ z.object({
  password: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(1024))),
})
/**
 * `DELETE /users/me`: the account's password confirms the deletion (accounts without a password omit it).
 *
 * @example
 * ```ts
 * await plinto.users.deleteAccount('correct horse battery')
 * ```
 */
export type DeleteUserRequest = z.input<typeof DeleteUserRequestSchema>
