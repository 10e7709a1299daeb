import { ReauthenticateResponseSchema, type ReauthenticateResponse } from '@plinto/contract/reauthentication'
import type { ModuleContext } from '../module-context'
import { isPlintoError } from '../errors'
import { ceremonies } from './account-modules'
import type { ReauthenticateInput } from './auth'
import { caller } from './shared'

// `auth.reauthenticate`: loaded with `import()` on first use, so its schema stays out of the main chunk (sensitive
// operations are account screens). A passkey's WebAuthn ceremony is a chunk of its own (./passkey-ceremony.lazy).

/**
 * Sends one proof to `POST /auth/reauthenticate`, then refreshes the tokens so the access token carries the new
 * `auth_time` (for backends that read it; the server itself judges the session, so a failed refresh changes nothing
 * for the SDK's own calls and is only logged).
 */
export async function reauthenticate(
  context: ModuleContext,
  input: ReauthenticateInput,
): Promise<ReauthenticateResponse> {
  const body =
    'password' in input
      ? { method: 'password', password: input.password }
      : 'code' in input
        ? { method: 'totp', code: input.code }
        : 'backupCode' in input
          ? { method: 'backup_code', code: input.backupCode }
          : { method: 'passkey', credential: await (await ceremonies()).reauthenticationAssertion(context) }
  const result = await caller(context)('POST', 'auth/reauthenticate', ReauthenticateResponseSchema, body)
  await context.session.refresh().catch((error: unknown) => {
    context.log('refresh after re-authentication failed:', isPlintoError(error) ? error.code : error)
  })
  return result
}
