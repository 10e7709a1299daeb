import { startAuthentication, startRegistration } from '@simplewebauthn/browser'
import type { ModuleContext } from '../module-context'
import { PlintoError } from '../errors'
import { AuthResponseSchema, type AuthResponse } from '@plinto/contract/auth'
import {
  PasskeyCreationOptionsSchema,
  PasskeyRequestOptionsSchema,
  PasskeySchema,
  type Passkey,
} from '@plinto/contract/passkeys'
import { caller } from './shared'

// The WebAuthn ceremonies. This file is loaded with `import()` by the passkeys module only when a passkey
// is registered or used, so @simplewebauthn/browser and these schemas stay out of the main entry.

/** The browser's verdict as a PlintoError: a dismissed or timed-out prompt is `PASSKEY_CANCELLED`. */
async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (cause) {
    const name = (cause as { name?: string } | null)?.name
    if (name === 'NotAllowedError' || name === 'AbortError')
      throw new PlintoError('PASSKEY_CANCELLED', 'The passkey prompt was dismissed or timed out', { cause })
    throw new PlintoError('PASSKEY_VERIFICATION_FAILED', (cause as Error)?.message || 'The authenticator refused', {
      cause,
    })
  }
}

/** options → `navigator.credentials.create()` (via @simplewebauthn/browser) → verify. */
export async function register(context: ModuleContext, name?: string): Promise<Passkey> {
  const call = caller(context)
  const optionsJSON = await call('POST', 'passkeys/register/options', PasskeyCreationOptionsSchema)
  // The schema checks what we read and keeps the rest (loose objects); the browser library wants the full JSON type.
  const credential = await ceremony(() =>
    startRegistration({
      optionsJSON: optionsJSON as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'],
    }),
  )
  return call('POST', 'passkeys/register/verify', PasskeySchema, {
    credential,
    ...(name === undefined ? {} : { name }),
  })
}

/**
 * For re-authentication: options listing the signed-in user's passkeys → `navigator.credentials.get()`; resolves
 * with the assertion for `POST /auth/reauthenticate`.
 */
export async function reauthenticationAssertion(context: ModuleContext): Promise<unknown> {
  const optionsJSON = await caller(context)('POST', 'auth/reauthenticate/passkey/options', PasskeyRequestOptionsSchema)
  return ceremony(() =>
    startAuthentication({
      optionsJSON: optionsJSON as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
    }),
  )
}

/** options → `navigator.credentials.get()` → verify; resolves with the AuthResponse (not yet adopted). */
export async function authenticate(context: ModuleContext, email?: string): Promise<AuthResponse> {
  const call = caller(context)
  const optionsJSON = await call(
    'POST',
    'passkeys/authenticate/options',
    PasskeyRequestOptionsSchema,
    email === undefined ? {} : { email },
    false,
  )
  const credential = await ceremony(() =>
    startAuthentication({
      optionsJSON: optionsJSON as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
    }),
  )
  return call('POST', 'passkeys/authenticate/verify', AuthResponseSchema, { credential }, false)
}
