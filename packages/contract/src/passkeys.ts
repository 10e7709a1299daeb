import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps the core entry inside its size budget.
// WebAuthn option and credential objects are checked loosely here: their contents are defined by the
// WebAuthn spec and verified by @simplewebauthn on the server, and browsers add fields over time.

/**
 * One registered passkey: the response of `POST /passkeys/register/verify` and `PATCH /passkeys/{id}`, and an entry of
 * `GET /passkeys`; {@link Passkey} is its type.
 */
export const PasskeySchema = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
  created_at: /* @__PURE__ */ z.string(),
  last_used_at: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  device_type: /* @__PURE__ */ z.enum(['singleDevice', 'multiDevice']),
  backed_up: /* @__PURE__ */ z.boolean(),
})
/**
 * A passkey registered to the signed-in user.
 *
 * @example
 * ```ts
 * const { passkeys } = await plinto.passkeys.listPasskeys()
 * passkeys.map((p: Passkey) => `${p.name} (${p.backed_up ? 'synced' : 'this device only'})`)
 * ```
 */
export type Passkey = z.infer<typeof PasskeySchema>

/** The response of `GET /passkeys` (`{ passkeys }`); {@link PasskeyListResponse} is its type. */
export const PasskeyListResponseSchema = /* @__PURE__ */ z.object({ passkeys: /* @__PURE__ */ z.array(PasskeySchema) })
/**
 * `GET /passkeys`.
 *
 * @example
 * ```ts
 * const { passkeys }: PasskeyListResponse = await plinto.passkeys.listPasskeys()
 * ```
 */
export type PasskeyListResponse = z.infer<typeof PasskeyListResponseSchema>

const base64url = /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^[A-Za-z0-9_-]*$/, 'Must be base64url'))

/**
 * The response of `POST /passkeys/register/options`: WebAuthn creation options (JSON form) for
 * `navigator.credentials.create`; {@link PasskeyCreationOptions} is its type.
 */
export const PasskeyCreationOptionsSchema = /* @__PURE__ */ z.looseObject({
  challenge: base64url,
  rp: /* @__PURE__ */ z.looseObject({
    name: /* @__PURE__ */ z.string(),
    id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  }),
  user: /* @__PURE__ */ z.looseObject({
    id: base64url,
    name: /* @__PURE__ */ z.string(),
    displayName: /* @__PURE__ */ z.string(),
  }),
  pubKeyCredParams: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.looseObject({ type: /* @__PURE__ */ z.literal('public-key'), alg: /* @__PURE__ */ z.number() }),
  ),
})
/**
 * `POST /passkeys/register/options`: PublicKeyCredentialCreationOptionsJSON, to hand to
 * `startRegistration({ optionsJSON })` of @simplewebauthn/browser.
 *
 * @example
 * ```ts
 * const optionsJSON: PasskeyCreationOptions = await res.json()
 * const credential = await startRegistration({ optionsJSON })
 * ```
 */
export type PasskeyCreationOptions = z.infer<typeof PasskeyCreationOptionsSchema>

/**
 * The response of `POST /passkeys/authenticate/options`: WebAuthn request options (JSON form) for
 * `navigator.credentials.get`; {@link PasskeyRequestOptions} is its type.
 */
export const PasskeyRequestOptionsSchema = /* @__PURE__ */ z.looseObject({
  challenge: base64url,
  rpId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  allowCredentials: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(
      /* @__PURE__ */ z.looseObject({ id: base64url, type: /* @__PURE__ */ z.literal('public-key') }),
    ),
  ),
})
/**
 * `POST /passkeys/authenticate/options`: PublicKeyCredentialRequestOptionsJSON for
 * `startAuthentication({ optionsJSON })`. Without `allowCredentials` it asks for a discoverable credential.
 *
 * @example
 * ```ts
 * const optionsJSON: PasskeyRequestOptions = await res.json()
 * const credential = await startAuthentication({ optionsJSON })
 * ```
 */
export type PasskeyRequestOptions = z.infer<typeof PasskeyRequestOptionsSchema>

const credential = /* @__PURE__ */ z.looseObject({
  id: base64url,
  rawId: base64url,
  type: /* @__PURE__ */ z.literal('public-key'),
  response: /* @__PURE__ */ z.looseObject({ clientDataJSON: base64url }),
})

/**
 * The body of `POST /passkeys/register/verify` (the attestation `credential`, optional `name`);
 * {@link PasskeyRegisterVerifyRequest} is its type.
 */
export const PasskeyRegisterVerifyRequestSchema = /* @__PURE__ */ z.object({
  credential,
  name: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(100)),
  ),
})
/**
 * `POST /passkeys/register/verify`: the RegistrationResponseJSON from `startRegistration`, and a name.
 *
 * @example
 * ```ts
 * await plinto.passkeys.registerPasskey({ name: 'MacBook' })
 * ```
 */
export type PasskeyRegisterVerifyRequest = z.input<typeof PasskeyRegisterVerifyRequestSchema>

/**
 * The body of `POST /passkeys/authenticate/options` (optional `email`); {@link PasskeyAuthenticateOptionsRequest} is
 * its type.
 */
export const PasskeyAuthenticateOptionsRequestSchema = /* @__PURE__ */ z.object({
  email: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(320)),
  ),
})
/**
 * `POST /passkeys/authenticate/options`: with `email`, the options list that account's passkeys;
 * without, any discoverable passkey of this site may answer.
 *
 * @example
 * ```ts
 * await plinto.auth.authenticatePasskey({ email: 'ada@example.com' })
 * ```
 */
export type PasskeyAuthenticateOptionsRequest = z.input<typeof PasskeyAuthenticateOptionsRequestSchema>

/**
 * The body of `POST /passkeys/authenticate/verify` (the assertion `credential`);
 * {@link PasskeyAuthenticateVerifyRequest} is its type.
 */
export const PasskeyAuthenticateVerifyRequestSchema = /* @__PURE__ */ z.object({ credential })
/**
 * `POST /passkeys/authenticate/verify`: the AuthenticationResponseJSON from `startAuthentication`.
 *
 * @example
 * ```ts
 * const { user, tokens } = await plinto.auth.authenticatePasskey()
 * ```
 */
export type PasskeyAuthenticateVerifyRequest = z.input<typeof PasskeyAuthenticateVerifyRequestSchema>

/** The body of `PATCH /passkeys/{id}` (`{ name }`); {@link UpdatePasskeyRequest} is its type. */
export const UpdatePasskeyRequestSchema = /* @__PURE__ */ z.object({
  name: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(100)),
})
/**
 * `PATCH /passkeys/{id}`.
 *
 * @example
 * ```ts
 * await plinto.passkeys.renamePasskey(id, 'Work laptop')
 * ```
 */
export type UpdatePasskeyRequest = z.input<typeof UpdatePasskeyRequestSchema>
