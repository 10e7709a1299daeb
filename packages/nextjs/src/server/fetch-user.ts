import type { User } from '@plinto/typescript-sdk'
import { PlintoError } from '@plinto/typescript-sdk/server'
import type { ResolvedConfig } from './config'

/**
 * `GET /auth/me` with `token`: the user, or `null` when the server refuses the token (its session was signed out
 * or revoked). `cache: 'no-store'`: one user's answer is never reused for another request. Throws a
 * `NETWORK_ERROR` when the server cannot be reached or answers an error.
 */
export async function fetchUser(token: string, config: ResolvedConfig): Promise<User | null> {
  let response: Response
  try {
    response = await (config.fetch ?? globalThis.fetch)(`${config.apiUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    })
  } catch (cause) {
    throw new PlintoError('NETWORK_ERROR', `Could not reach the Plinto API at ${config.apiUrl}`, {
      retryable: true,
      cause,
    })
  }
  if (response.status === 401) return null
  if (!response.ok) {
    throw new PlintoError('NETWORK_ERROR', `The Plinto API answered GET /auth/me with ${response.status}`, {
      status: response.status,
      retryable: response.status >= 500,
    })
  }
  return (await response.json()) as User
}
