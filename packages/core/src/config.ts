import type { ReauthenticationMethod } from '@plinto/contract/reauthentication'
import { PlintoError } from './errors'
import { isObject } from './internal/guards'
import type { StorageAdapter, TokenStorageType } from './storage/types'
import { getWebStorage } from './storage/web-storage'

/**
 * Options of {@link PlintoClient}. Only `apiUrl` is required.
 *
 * @example
 * ```ts
 * const plinto = new PlintoClient({
 *   apiUrl: 'https://api.example.com',
 *   tokenStorage: { type: 'cookie' },
 *   session: { autoRefresh: true, refreshThreshold: 300 },
 * })
 * ```
 */
export interface PlintoConfig {
  /** Origin of the Plinto API, e.g. `https://api.example.com`. */
  apiUrl: string
  /** Path prefix of every endpoint. Default `/api/v1`. */
  apiBasePath?: string
  /**
   * Where the session lives. Default: `localStorage` when the runtime has a usable one (browsers),
   * otherwise memory (SSR, Node, workers). `{ type, key }` picks a built-in mode (default key
   * `plinto_auth_token`); an object with `getItem`/`setItem`/`removeItem` is a custom adapter.
   */
  tokenStorage?: { type: TokenStorageType; key?: string } | StorageAdapter
  session?: {
    /** Refresh the access token in the background before it expires. Default `true`. */
    autoRefresh?: boolean
    /** Seconds before expiry at which the background refresh runs. Default `300`. */
    refreshThreshold?: number
  }
  /** `fetch` credentials mode. Cookie storage always uses `'include'`. */
  credentials?: RequestCredentials
  /** Log requests, refreshes and storage decisions (never tokens) to the console. Default `false`. */
  debug?: boolean
  /** A `fetch` implementation (tests, custom agents). Default `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Per-attempt request timeout in milliseconds. Default `10000`. */
  timeout?: number
  /**
   * Refuse an `apiUrl` that is not `https:`. Loopback hosts (`localhost`, `*.localhost`, `127.0.0.0/8`,
   * `[::1]`) are always allowed so local development works. Default `true`.
   */
  enforceHttps?: boolean
  /** Accepted for compatibility with the public docs; identifies your app. Not sent in API v1. */
  clientId?: string
  /**
   * Accepted for compatibility with the public docs. Never sent by this client: a secret shipped to a
   * browser is public. Use it only on servers; `debug` warns when it is set in a browser.
   */
  clientSecret?: string
  /**
   * Called when a request is refused with `REAUTH_REQUIRED` (a sensitive operation, and the session did not prove
   * who it is recently): resolve once the person re-authenticated (`plinto.auth.reauthenticate(…)`), and the
   * refused call is sent again, once; reject (they cancelled) and it rejects with `REAUTH_CANCELLED`, or with the
   * `PlintoError` you reject with. Calls refused together share one handler call. Without a handler the
   * `REAUTH_REQUIRED` error is the call's answer. @plinto/react sets one with `client.setReauthenticationHandler`.
   */
  onReauthenticationRequired?: ReauthenticationHandler
}

/**
 * What a {@link ReauthenticationHandler} is told: the ways this account can re-authenticate (empty: none, the
 * person must sign in again) and the `REAUTH_REQUIRED` error of the refused call.
 *
 * @example
 * ```ts
 * const request: ReauthenticationRequest = { methods: ['password'], error }
 * ```
 */
export interface ReauthenticationRequest {
  methods: ReauthenticationMethod[]
  error: PlintoError
}

/**
 * Re-authenticates the person when a call was refused with `REAUTH_REQUIRED`: resolves when done (the call is then
 * retried once), rejects when they cancel (the call rejects too).
 *
 * @example
 * ```ts
 * const handler: ReauthenticationHandler = async ({ methods }) => {
 *   if (!methods.includes('password')) throw new Error('Sign in again')
 *   await plinto.auth.reauthenticate({ password: await askForPassword() })
 * }
 * ```
 */
export type ReauthenticationHandler = (request: ReauthenticationRequest) => Promise<void>

/**
 * The validated configuration, every default filled in; read it from `plinto.config`.
 *
 * @example
 * ```ts
 * plinto.config.baseUrl // "https://api.example.com/api/v1/"
 * ```
 */
export interface ResolvedConfig {
  apiUrl: string
  apiBasePath: string
  baseUrl: string
  storage: { type: TokenStorageType; key: string } | { type: 'custom'; key: string; adapter: StorageAdapter }
  autoRefresh: boolean
  refreshThreshold: number
  credentials: RequestCredentials | undefined
  debug: boolean
  /**
   * The `fetch` passed in the config, or `undefined` to use `globalThis.fetch` (looked up at call time, so later
   * polyfills apply).
   */
  fetch: typeof fetch | undefined
  timeout: number
  clientId: string | undefined
}

/**
 * Default storage key (and cross-tab channel name), as in the integration notes.
 *
 * @example
 * ```ts
 * localStorage.getItem(DEFAULT_STORAGE_KEY) // the versioned session record, in localStorage mode
 * ```
 */
export const DEFAULT_STORAGE_KEY = 'plinto_auth_token'
const MAX_TIMEOUT = 2_147_483_647
const STORAGE_TYPES: readonly unknown[] = ['localStorage', 'sessionStorage', 'memory', 'cookie']
const CREDENTIALS: readonly unknown[] = ['include', 'same-origin', 'omit']

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== ''
const ofType = (type: 'boolean' | 'string' | 'function') =>
  [(value: unknown) => typeof value === type, `expected a ${type}`] as const

/**
 * The checks of the optional options, in the order they are reported: the option's path, what a valid
 * value is, what the message says. `undefined` always passes (the default applies). `tabSync` belongs to
 * `PlintoClientOptions`; it is checked here so that every option is validated in one place.
 */
const OPTION_CHECKS: [option: string, ...check: readonly [isValid: (value: unknown) => boolean, expected: string]][] = [
  ['enforceHttps', ...ofType('boolean')],
  [
    'apiBasePath',
    (path) => path === '' || (isNonEmptyString(path) && path.startsWith('/')),
    'expected "" or a path starting with "/"',
  ],
  ['session', isObject, 'expected an object'],
  ['session.autoRefresh', ...ofType('boolean')],
  [
    'session.refreshThreshold',
    (seconds) => typeof seconds === 'number' && seconds >= 0 && seconds < Infinity,
    'expected seconds ≥ 0',
  ],
  [
    'timeout',
    (ms) => typeof ms === 'number' && ms > 0 && ms <= MAX_TIMEOUT,
    `expected milliseconds in (0, ${MAX_TIMEOUT}]`,
  ],
  ['credentials', (mode) => CREDENTIALS.includes(mode), `expected one of ${CREDENTIALS.join(', ')}`],
  ['fetch', ...ofType('function')],
  ['onReauthenticationRequired', ...ofType('function')],
  ['debug', ...ofType('boolean')],
  ['tabSync', ...ofType('boolean')],
  ['clientId', ...ofType('string')],
  ['clientSecret', ...ofType('string')],
]

const fail = (option: string, message: string): never => {
  throw new PlintoError('CONFIG_ERROR', `Invalid PlintoClient option \`${option}\`: ${message}`)
}

/** Hosts where plain http is fine: the traffic never leaves the machine. */
const isLoopback = (hostname: string) => /^(localhost|.+\.localhost|\[::1\]|127(\.\d{1,3}){3})$/i.test(hostname)

function resolveStorage(value: PlintoConfig['tokenStorage']): ResolvedConfig['storage'] {
  if (value === undefined) return { type: detectDefaultStorage(), key: DEFAULT_STORAGE_KEY }
  if (!isObject(value)) return fail('tokenStorage', 'expected { type, key? } or a storage adapter')
  const {
    type,
    key = DEFAULT_STORAGE_KEY,
    storageKey = DEFAULT_STORAGE_KEY,
    getItem,
    setItem,
    removeItem,
  } = value as Record<string, unknown>
  if ([getItem, setItem, removeItem].every((method) => typeof method === 'function')) {
    // The key is `storageKey`, not `key`: Web Storage objects, valid adapters as they are, have a `key()` method.
    return isNonEmptyString(storageKey)
      ? { type: 'custom', key: storageKey, adapter: value as unknown as StorageAdapter }
      : fail('tokenStorage.storageKey', 'expected a non-empty string')
  }
  if (!STORAGE_TYPES.includes(type)) return fail('tokenStorage.type', `expected one of ${STORAGE_TYPES.join(', ')}`)
  return isNonEmptyString(key)
    ? { type: type as TokenStorageType, key }
    : fail('tokenStorage.key', 'expected a non-empty string')
}

/** localStorage when the runtime has one we may use; reading it can throw (Safari with storage blocked). */
function detectDefaultStorage(): TokenStorageType {
  try {
    return getWebStorage('localStorage') ? 'localStorage' : 'memory'
  } catch {
    return 'memory'
  }
}

/** Validates user options and fills in defaults; throws `CONFIG_ERROR` naming the bad option. */
export function resolveConfig(config: PlintoConfig): ResolvedConfig {
  if (!isObject(config)) return fail('config', 'expected an options object')
  for (const [option, isValid, expected] of OPTION_CHECKS) {
    const value = option
      .split('.')
      .reduce<unknown>((parent, name) => (isObject(parent) ? parent[name] : undefined), config)
    if (value !== undefined && !isValid(value)) fail(option, expected)
  }
  const {
    apiUrl,
    apiBasePath = '/api/v1',
    enforceHttps = true,
    timeout = 10_000,
    credentials,
    debug = false,
    clientId,
  } = config
  const { autoRefresh = true, refreshThreshold = 300 } = config.session ?? {}
  let url: URL | undefined
  try {
    url = new URL(apiUrl)
  } catch {
    // Reported below, with the missing and the non-http(s) cases.
  }
  if (!url || !/^https?:$/.test(url.protocol))
    return fail('apiUrl', 'expected an absolute http(s) URL, e.g. "https://api.example.com"')
  if (enforceHttps && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    fail(
      'apiUrl',
      'must be https: tokens would travel in clear text (enforceHttps: false allows http on trusted networks)',
    )
  }
  if (url.search || url.hash) fail('apiUrl', 'must not contain a query or fragment')
  const storage = resolveStorage(config.tokenStorage)
  const cookie = storage.type === 'cookie'
  // The refresh token is an HttpOnly cookie there: a request that does not send cookies cannot refresh.
  if (cookie && (credentials ?? 'include') !== 'include') fail('credentials', 'cookie token storage needs "include"')
  const origin = url.href.replace(/\/+$/, '')
  const basePath = apiBasePath.replace(/\/+$/, '')
  return {
    apiUrl: origin,
    apiBasePath: basePath,
    baseUrl: `${origin}${basePath}/`,
    storage,
    autoRefresh,
    refreshThreshold,
    credentials: cookie ? 'include' : credentials,
    debug,
    fetch: config.fetch,
    timeout,
    clientId,
  }
}
