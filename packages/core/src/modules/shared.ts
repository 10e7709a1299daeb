import type { ModuleContext } from '../module-context'
import { PlintoError } from '../errors'
import type { RequestOptions } from '../http'
import type { AuthResponse, MfaRequiredResponse } from '@plinto/contract/auth'

// Helpers the module factories share: each module stays a list of thin, typed one-liners.

/**
 * A path with its IDs percent-encoded (`` path`organizations/${id}/members` ``): an ID can never point
 * the call at another endpoint (`../`, `?`, `#`).
 */
export const path = (parts: TemplateStringsArray, ...ids: string[]): string =>
  String.raw({ raw: parts }, ...ids.map(encodeURIComponent))

/** `(method, path, schema, json?)` over `http.request`: an authenticated call whose answer is validated. */
export const caller =
  ({ http }: ModuleContext) =>
  <T>(
    method: RequestOptions<T>['method'],
    to: string,
    schema: RequestOptions<T>['schema'],
    json?: unknown,
    auth?: boolean,
  ): Promise<T> =>
    http.request<T>(to, { method, json, schema, auth })

/**
 * Finishes a first-factor sign-in (password, magic link, OAuth): signs in, or throws `MFA_REQUIRED`
 * with the `mfa_token` for `auth.verifyMfaChallenge` when the account has a second factor.
 */
export function finishSignIn(
  { session }: ModuleContext,
  result: AuthResponse | MfaRequiredResponse,
): Promise<AuthResponse> {
  if ('mfa_required' in result) {
    throw new PlintoError('MFA_REQUIRED', 'Enter the code from your second factor to finish signing in', {
      status: 200,
      mfaToken: result.mfa_token,
      methods: result.methods,
    })
  }
  return session.start(result)
}

/** Re-reads the signed-in user (`GET /auth/me`) into the snapshot, e.g. after `mfa_enabled` changed. */
export async function refreshUser({ http, session }: ModuleContext): Promise<void> {
  session.setUser(await http.request('auth/me', { schema: (v) => v.user }))
}
