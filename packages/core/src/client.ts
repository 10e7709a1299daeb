import { resolveConfig, type PlintoConfig, type ReauthenticationHandler, type ResolvedConfig } from './config'
import type { ReauthenticationMethod } from '@plinto/contract/reauthentication'
import { isPlintoError, PlintoError } from './errors'
import type { ModuleContext } from './module-context'
import { createLog } from './debug'
import { createEmitter, type Emitter, type PlintoEventName, type PlintoEvents } from './events'
import { createHttp } from './http'
import { createAccountModules } from './modules/account-modules'
import { createAuthModule, type AuthModule } from './modules/auth'
import type { MfaModule } from './modules/mfa'
import { createOAuthFlows } from './modules/oauth'
import type { OrganizationsModule } from './modules/organizations'
import type { PasskeysModule } from './modules/passkeys'
import type { SessionsModule } from './modules/sessions'
import type { UsersModule } from './modules/users'
import { createSessionManager, type SessionManager } from './session/session-manager'
import { createRecordStorage } from './storage/record-storage'
import { createStore, type AuthSnapshot, type Store } from './store'

/**
 * Options of {@link PlintoClient}: {@link PlintoConfig} plus client-only switches.
 *
 * @example
 * ```ts
 * const options: PlintoClientOptions = { apiUrl: 'https://api.example.com', tabSync: true }
 * ```
 */
export interface PlintoClientOptions extends PlintoConfig {
  /**
   * Share new tokens and sign-outs with other tabs (BroadcastChannel, `storage` events as fallback).
   * Default: on in browsers for `localStorage`, `cookie` and custom storage; off for `memory` and
   * `sessionStorage` (per-tab by nature) and on servers, where one process serves many users and a
   * process-wide channel would hand one user's session to another.
   */
  tabSync?: boolean
}

const isBrowser = () => typeof (globalThis as { document?: unknown }).document !== 'undefined'

/**
 * Refresh on `getAccessToken()` when less than this many seconds are left, so the token survives the trip;
 * for tokens that live less than twice that, at half their life (else every call would refresh).
 */
const MIN_TOKEN_LIFETIME_S = 30
/** The SDK's own calls refresh a token with less than this left first: it would be refused on arrival. */
const SEND_MARGIN_S = 5

/**
 * The Plinto client. Construct it once per app (once per request on a server). It reads the stored
 * session in the background; `await plinto.ready()` if you need to know the outcome.
 *
 * @example
 * ```ts
 * import { PlintoClient, isPlintoError } from '@plinto/typescript-sdk'
 *
 * export const plinto = new PlintoClient({ apiUrl: 'https://api.example.com' })
 * const { user, tokens } = await plinto.auth.signIn({ email, password })
 * plinto.on('signedOut', ({ reason }) => console.log('signed out:', reason))
 * ```
 *
 * Start-up, refresh, sign-in and `auth` are in the main bundle. The calls of the account screens
 * (`users`, `sessions`, `organizations`, `mfa`, passkey management) download a small extra chunk on the first
 * call of any of them; if that download fails, the call rejects with a retryable `NETWORK_ERROR`.
 */
export class PlintoClient {
  /**
   * Sign-up, sign-in (password, MFA step, magic link, OAuth, passkey), sign-out, tokens, passwords,
   * email verification, and the docs' shortcuts `setupMFA`/`verifyMFA`/`registerPasskey`/`authenticatePasskey`.
   * @example `const { user } = await plinto.auth.signIn({ email, password })`
   */
  declare readonly auth: AuthModule
  /**
   * The signed-in user's own account: profile changes, deletion.
   * @example `await plinto.users.updateProfile({ first_name: 'Ada' })`
   */
  declare readonly users: UsersModule
  /**
   * The signed-in user's sessions (devices): list, end one, end all others.
   * @example `const { sessions } = await plinto.sessions.listSessions()`
   */
  declare readonly sessions: SessionsModule
  /**
   * Organizations, members, invitations, and the active organization (`setActive`).
   * @example `const org = await plinto.organizations.createOrganization({ name: 'Acme Corp', slug: 'acme-corp' })`
   */
  declare readonly organizations: OrganizationsModule
  /**
   * Second factors: TOTP, SMS, backup codes.
   * @example `const { qr_code } = await plinto.mfa.enableTotp()`
   */
  declare readonly mfa: MfaModule
  /**
   * WebAuthn passkeys: register, sign in, list, rename, delete (the WebAuthn code loads on first use).
   * @example `await plinto.passkeys.registerPasskey({ name: 'MacBook' })`
   */
  declare readonly passkeys: PasskeysModule
  /** The validated configuration, defaults filled in. */
  declare readonly config: Readonly<ResolvedConfig>
  readonly #store: Store
  readonly #events: Emitter
  readonly #session: SessionManager
  #reauthenticationHandler: ReauthenticationHandler | undefined

  constructor(options: PlintoClientOptions) {
    const config = resolveConfig(options)
    const log = createLog(config.debug)
    if (config.debug && options.clientSecret && isBrowser()) {
      console.warn('[plinto] clientSecret is never sent, and public in a browser: keep it on servers.')
    }
    const events = createEmitter()
    const store = createStore()
    const storage = createRecordStorage(config, (error) => queueMicrotask(() => events.emit('error', error)), log)
    const tabSync =
      options.tabSync ?? (isBrowser() && config.storage.type !== 'memory' && config.storage.type !== 'sessionStorage')
    // The HTTP layer and the session need each other: the first calls wait for the second.
    let session: SessionManager | undefined
    this.#reauthenticationHandler = options.onReauthenticationRequired
    // Requests refused together wait for one re-authentication (one dialog), then each is retried once.
    let reauthenticating: Promise<void> | undefined
    const http = createHttp(
      config,
      {
        // biome-ignore lint/style/noNonNullAssertion: assigned just below, before any request can ask for a token; `?.` would cost main-chunk bytes
        token: async (rejected) => session!.validToken(SEND_MARGIN_S, rejected),
        reauthenticate: (error) => {
          const handler = this.#reauthenticationHandler
          if (!handler) return undefined
          reauthenticating ??= new Promise<void>((resolve) =>
            resolve(handler({ methods: (error.methods ?? []) as ReauthenticationMethod[], error })),
          )
            .catch((cause: unknown) => {
              throw isPlintoError(cause)
                ? cause
                : new PlintoError('REAUTH_CANCELLED', 'Re-authentication was cancelled', {
                    status: 403,
                    cause,
                    methods: error.methods,
                  })
            })
            .finally(() => {
              reauthenticating = undefined
            })
          return reauthenticating
        },
      },
      log,
    )
    session = createSessionManager({ config, http, store, events, storage, tabSync, log })
    this.#store = store
    this.#events = events
    this.#session = session
    const context: ModuleContext = { config, http, session, store, events, log }
    // Their account-screen calls load on first use (the `management` chunk); see ./modules/account-modules.
    const { phone, ...account } = createAccountModules(context)
    // The public fields are `declare`d and assigned here in one go: one statement instead of a field
    // list plus seven assignments in the main chunk (see docs/contract.md).
    Object.assign(this, {
      auth: createAuthModule(context, {
        mfa: account.mfa,
        passkeys: account.passkeys,
        oauth: createOAuthFlows(context),
        phone,
      }),
      ...account,
      config: Object.freeze(config),
    })
  }

  /**
   * Resolves once the stored session has been read (and refreshed, if it had expired). Never rejects.
   *
   * @example
   * ```ts
   * await plinto.ready()
   * if (plinto.getSnapshot().status === 'signed_in') renderApp()
   * ```
   */
  ready(): Promise<void> {
    return this.#session.ready
  }

  /**
   * The current state; the same frozen object until something changes.
   *
   * @example
   * ```ts
   * const snapshot = useSyncExternalStore(plinto.subscribe, plinto.getSnapshot)
   * ```
   */
  getSnapshot = (): AuthSnapshot => this.#store.getSnapshot()

  /**
   * Calls `listener` after every state change; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * const unsubscribe = plinto.subscribe(() => render(plinto.getSnapshot()))
   * ```
   */
  subscribe = (listener: () => void): (() => void) => this.#store.subscribe(listener)

  /**
   * Listens to an event; returns the unsubscribe function. Listeners run after state is committed; one
   * that throws is reported on the console and does not affect the others.
   *
   * @example
   * ```ts
   * const off = plinto.on('sessionExpired', ({ reason }) => toast(`Signed out (${reason})`))
   * off()
   * ```
   */
  on<E extends PlintoEventName>(event: E, listener: (payload: PlintoEvents[E]) => void): () => void {
    return this.#events.on(event, listener)
  }

  /**
   * A valid access token for your own API calls, refreshed first if it is about to expire; `null`
   * when signed out.
   *
   * @example
   * ```ts
   * const token = await plinto.getAccessToken()
   * await fetch('/api/orders', { headers: token ? { Authorization: `Bearer ${token}` } : {} })
   * ```
   */
  getAccessToken(): Promise<string | null> {
    return this.#session.validToken(MIN_TOKEN_LIFETIME_S)
  }

  /**
   * Sets (or, with `undefined`, removes) the handler that re-authenticates the person when a call is refused with
   * `REAUTH_REQUIRED`, replacing `onReauthenticationRequired` of the options; see {@link PlintoConfig}. Returns a
   * function that removes it again (if it is still the one set). @plinto/react's provider calls it.
   *
   * @example
   * ```ts
   * const stop = plinto.setReauthenticationHandler(async ({ methods }) => {
   *   await plinto.auth.reauthenticate({ password: await askForPassword() })
   * })
   * await plinto.sessions.revokeAllSessions() // asks, then retries once
   * stop()
   * ```
   */
  setReauthenticationHandler(handler: ReauthenticationHandler | undefined): () => void {
    this.#reauthenticationHandler = handler
    return () => {
      if (this.#reauthenticationHandler === handler) this.#reauthenticationHandler = undefined
    }
  }

  /**
   * Stops timers, closes the cross-tab channel, drops every listener and subscriber. The stored session
   * is kept; a refresh already in flight still saves its result so the next client finds valid tokens.
   *
   * @example
   * ```ts
   * useEffect(() => () => plinto.dispose(), [])
   * ```
   */
  dispose(): void {
    this.#session.dispose()
    this.#events.clear()
    this.#store.clear()
  }
}
