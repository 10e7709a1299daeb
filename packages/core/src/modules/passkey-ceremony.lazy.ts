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
export async function register({ http }: ModuleContext, name?: string): Promise<Passkey> {
  const optionsJSON = await http.request('passkeys/register/options', {
    method: 'POST',
    schema: PasskeyCreationOptionsSchema,
  })
  // The schema checks what we read and keeps the rest (loose objects); the browser library wants the full JSON type.
  const credential = await ceremony(() =>
    startRegistration({
      optionsJSON: optionsJSON as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'],
    }),
  )
  return http.request('passkeys/register/verify', {
    method: 'POST',
    json: { credential, ...(name === undefined ? {} : { name }) },
    schema: PasskeySchema,
  })
}

/** options → `navigator.credentials.get()` → verify; resolves with the AuthResponse (not yet adopted). */
export async function authenticate({ http }: ModuleContext, email?: string): Promise<AuthResponse> {
  const optionsJSON = await http.request('passkeys/authenticate/options', {
    method: 'POST',
    json: email === undefined ? {} : { email },
    schema: PasskeyRequestOptionsSchema,
    auth: false,
  })
  const credential = await ceremony(() =>
    startAuthentication({
      optionsJSON: optionsJSON as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
    }),
  )
  return http.request('passkeys/authenticate/verify', {
    method: 'POST',
    json: { credential },
    schema: AuthResponseSchema,
    auth: false,
  })
}
