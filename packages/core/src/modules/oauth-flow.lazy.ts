import type { ModuleContext } from '../module-context'
import { PlintoError } from '../errors'
import { OAuthAuthorizeResponseSchema } from '@plinto/contract/oauth'
import { createMemoryStorage } from '../storage/memory-storage'
import type { StorageAdapter } from '../storage/types'
import { getWebStorage } from '../storage/web-storage'
import type { OAuthFlows } from './oauth'
import { caller, finishSignIn, path } from './shared'

// The OAuth redirect flow, loaded with `import()` on the first initiateOAuth/handleOAuthCallback: only
// the sign-in and callback pages need it, so it stays out of the main entry.

/** One started sign-in, stored under its `state` until the provider sends the browser back. */
interface Transaction {
  provider: string
  verifier: string
  redirect_uri: string
  expires_at: number
}

/** As long as the server keeps the `state` (10 minutes). */
const TRANSACTION_TTL_MS = 600_000

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

const location = () =>
  (globalThis as { location?: { href: string; origin: string; assign(url: string): void } }).location

/**
 * OAuth sign-in, authorization code with PKCE S256. Pending transactions (state → provider, verifier,
 * redirect URI, expiry) live under `{storage key}:oauth` in `sessionStorage` — per tab, surviving the
 * redirect; otherwise in the custom token storage adapter if one is configured; otherwise in this
 * client's memory (Node, tests: the same client must handle both halves).
 */
export function createOAuthFlow(context: ModuleContext): Omit<OAuthFlows, 'getOAuthProviders'> {
  const call = caller(context)
  const { storage } = context.config
  const key = `${storage.key}:oauth`
  let backing: StorageAdapter | null = null
  // Looked up on first use, never at construction; touching `sessionStorage` throws where storage is blocked.
  const store = (): StorageAdapter => {
    if (!backing) {
      try {
        backing = getWebStorage('sessionStorage')
      } catch {
        // Blocked: use the next option.
      }
      backing ??= storage.type === 'custom' ? storage.adapter : createMemoryStorage()
    }
    return backing
  }

  /** Pending transactions by state, expired ones dropped; anything unreadable counts as none. */
  const read = async (): Promise<Record<string, Transaction>> => {
    let all: Record<string, Transaction> = {}
    try {
      const parsed: unknown = JSON.parse((await store().getItem(key)) ?? '{}')
      if (typeof parsed === 'object' && parsed) all = parsed as typeof all
    } catch {
      // Corrupted or foreign: start over.
    }
    for (const state in all)
      if (!(((all[state] as Transaction | null)?.expires_at ?? 0) > Date.now())) delete all[state]
    return all
  }
  const write = async (all: Record<string, Transaction>) => {
    if (Object.keys(all).length > 0) await store().setItem(key, JSON.stringify(all))
    else await store().removeItem(key)
  }

  return {
    async initiateOAuth(
      provider,
      { redirectUri = location() && `${location()?.origin}/auth/callback`, navigate = true } = {},
    ) {
      if (!redirectUri) throw new PlintoError('CONFIG_ERROR', 'initiateOAuth needs a redirectUri outside a browser')
      const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
      const challenge = base64url(
        new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
      )
      const { authorization_url: url, state } = await call(
        'POST',
        path`oauth/${provider}/authorize`,
        OAuthAuthorizeResponseSchema,
        { redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' },
        false,
      )
      const all = await read()
      all[state] = { provider, verifier, redirect_uri: redirectUri, expires_at: Date.now() + TRANSACTION_TTL_MS }
      await write(all)
      if (navigate) location()?.assign(url)
      return { url }
    },

    async handleOAuthCallback(url = location()?.href ?? '') {
      const params = new URL(url).searchParams
      const state = params.get('state') ?? ''
      const all = await read()
      const transaction = all[state]
      if (!transaction) {
        // A callback we did not start (or tampered with): every pending sign-in is suspect, start over.
        await write({})
        throw new PlintoError(
          'OAUTH_STATE_MISMATCH',
          'This sign-in was not started here, or it expired; start it again',
        )
      }
      delete all[state]
      await write(all)
      const error = params.get('error')
      if (error)
        throw new PlintoError('OAUTH_ERROR', params.get('error_description') ?? `The provider answered: ${error}`)
      const result = await call(
        'POST',
        path`oauth/${transaction.provider}/callback`,
        (v) => v.signIn,
        {
          code: params.get('code') ?? '',
          state,
          code_verifier: transaction.verifier,
          redirect_uri: transaction.redirect_uri,
        },
        false,
      )
      return finishSignIn(context, result)
    },
  }
}
