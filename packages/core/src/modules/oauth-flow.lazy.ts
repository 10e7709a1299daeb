import type { ModuleContext } from '../module-context'
import { PlintoError } from '../errors'
import { OAuthAuthorizeResponseSchema, SignInMethodsSchema } from '@plinto/contract/oauth'
import { createMemoryStorage } from '../storage/memory-storage'
import type { StorageAdapter } from '../storage/types'
import { getWebStorage } from '../storage/web-storage'
import type { InitiateOAuthOptions, OAuthFlows } from './oauth'
import { caller, finishSignIn, path } from './shared'

// The OAuth redirect flow, loaded with `import()` on the first initiateOAuth/handleOAuthCallback: only
// the sign-in and callback pages need it, so it stays out of the main entry.

/** One started sign-in, stored under its `state` until the provider sends the browser back. */
interface Transaction {
  provider: string
  verifier: string
  redirect_uri: string
  expires_at: number
  /** Absent for sign-ins (transactions stored before links existed included). */
  intent?: 'link'
  return_to?: string | null
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

  /**
   * Starts a transaction: `authorize` (sign-in, anonymous) or `link` (the signed-in session's). Stores the
   * state with the PKCE verifier, then goes to the provider unless `navigate: false`.
   */
  const start = async (
    provider: string,
    step: 'authorize' | 'link',
    { redirectUri = location() && `${location()?.origin}/auth/callback`, navigate = true }: InitiateOAuthOptions,
    extra: Pick<Transaction, 'intent' | 'return_to'> = {},
  ) => {
    if (!redirectUri) throw new PlintoError('CONFIG_ERROR', 'OAuth needs a redirectUri outside a browser')
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
    const challenge = base64url(
      new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
    )
    const { authorization_url: url, state } = await call(
      'POST',
      step === 'link' ? path`oauth/${provider}/link` : path`oauth/${provider}/authorize`,
      OAuthAuthorizeResponseSchema,
      { redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' },
      step === 'link',
    )
    const all = await read()
    all[state] = {
      provider,
      verifier,
      redirect_uri: redirectUri,
      expires_at: Date.now() + TRANSACTION_TTL_MS,
      ...extra,
    }
    await write(all)
    if (navigate) location()?.assign(url)
    return { url }
  }

  /** Takes the transaction of the URL's state out of storage; OAUTH_STATE_MISMATCH (all dropped) without one. */
  const take = async (params: URLSearchParams): Promise<Transaction> => {
    const state = params.get('state') ?? ''
    const all = await read()
    const transaction = all[state]
    if (!transaction) {
      // A callback we did not start (or tampered with): every pending sign-in is suspect, start over.
      await write({})
      throw new PlintoError('OAUTH_STATE_MISMATCH', 'This sign-in was not started here, or it expired; start it again')
    }
    delete all[state]
    await write(all)
    return transaction
  }

  return {
    initiateOAuth: (provider, options = {}) => start(provider, 'authorize', options),

    async linkOAuthProvider(provider, { returnTo = location()?.href ?? null, ...options } = {}) {
      return start(provider, 'link', options, { intent: 'link', return_to: returnTo })
    },

    async handleOAuthLinkCallback(url = location()?.href ?? '') {
      const params = new URL(url).searchParams
      const pending = (await read())[params.get('state') ?? '']
      if (pending?.intent !== 'link') return null
      const transaction = await take(params)
      const returnTo = transaction.return_to ?? null
      const error = params.get('error')
      // The outcome is handed back with `returnTo` rather than thrown, so the page can go back either way.
      const failed = (cause: PlintoError) => ({ returnTo, methods: null, error: cause })
      if (error === 'identity_already_linked')
        return failed(
          new PlintoError(
            'IDENTITY_ALREADY_LINKED',
            'This account at the provider is already linked to another account',
            {
              status: 409,
            },
          ),
        )
      if (error)
        return failed(
          new PlintoError('OAUTH_ERROR', params.get('error_description') ?? `The provider answered: ${error}`),
        )
      try {
        const methods = await call('POST', path`oauth/${transaction.provider}/link/callback`, SignInMethodsSchema, {
          code: params.get('code') ?? '',
          state: params.get('state') ?? '',
          code_verifier: transaction.verifier,
          redirect_uri: transaction.redirect_uri,
        })
        return { returnTo, methods, error: null }
      } catch (caught) {
        if (caught instanceof PlintoError) return failed(caught)
        throw caught
      }
    },

    async handleOAuthCallback(url = location()?.href ?? '') {
      const params = new URL(url).searchParams
      const state = params.get('state') ?? ''
      const transaction = await take(params)
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
