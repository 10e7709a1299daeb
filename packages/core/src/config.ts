import { PlintoError } from './errors'
import type { StorageAdapter, TokenStorageType } from './storage/types'

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
}

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
const STORAGE_TYPES: readonly string[] = ['localStorage', 'sessionStorage', 'memory', 'cookie']
const CREDENTIALS: readonly string[] = ['include', 'same-origin', 'omit']

const fail = (option: string, message: string): never => {
  throw new PlintoError('CONFIG_ERROR', `Invalid PlintoClient option \`${option}\`: ${message}`)
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function isAdapter(value: unknown): value is StorageAdapter {
  const candidate = value as StorageAdapter
  return typeof candidate.getItem === 'function' && typeof candidate.setItem === 'function' && typeof candidate.removeItem === 'function'
}

function resolveStorage(value: PlintoConfig['tokenStorage']): ResolvedConfig['storage'] {
  if (value === undefined) return { type: detectDefaultStorage(), key: DEFAULT_STORAGE_KEY }
  if (typeof value !== 'object' || value === null) return fail('tokenStorage', 'expected { type, key? } or a storage adapter')
  if (isAdapter(value)) {
    const { storageKey: key = DEFAULT_STORAGE_KEY } = value
    if (typeof key !== 'string' || key === '') return fail('tokenStorage.storageKey', 'expected a non-empty string')
    return { type: 'custom', key, adapter: value }
  }
  const { type, key = DEFAULT_STORAGE_KEY } = value as { type?: unknown; key?: unknown }
  if (typeof type !== 'string' || !STORAGE_TYPES.includes(type)) return fail('tokenStorage.type', `expected one of ${STORAGE_TYPES.join(', ')}`)
  if (typeof key !== 'string' || key === '') return fail('tokenStorage.key', 'expected a non-empty string')
  return { type: type as TokenStorageType, key }
}

/** localStorage when the runtime has one we may use; reading it can throw (Safari with storage blocked). */
function detectDefaultStorage(): TokenStorageType {
  try {
    return typeof globalThis.localStorage?.getItem === 'function' ? 'localStorage' : 'memory'
  } catch {
    return 'memory'
  }
}

/** Validates user options and fills in defaults; throws `CONFIG_ERROR` naming the bad option. */
export function resolveConfig(config: PlintoConfig): ResolvedConfig {
  if (typeof config !== 'object' || config === null) return fail('config', 'expected an options object')
  const { apiUrl, apiBasePath = '/api/v1', session = {}, enforceHttps = true } = config
  if (typeof apiUrl !== 'string' || apiUrl === '') return fail('apiUrl', 'required, e.g. "https://api.example.com"')
  let url: URL
  try {
    url = new URL(apiUrl)
  } catch {
    return fail('apiUrl', `"${apiUrl}" is not an absolute URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('apiUrl', 'must be an http(s) URL')
  if (typeof enforceHttps !== 'boolean') fail('enforceHttps', 'expected a boolean')
  if (enforceHttps && url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    fail('apiUrl', `"${apiUrl}" is not https; tokens would travel in clear text (set enforceHttps: false only for trusted networks)`)
  }
  if (url.search || url.hash) fail('apiUrl', 'must not contain a query or fragment')
  if (typeof apiBasePath !== 'string' || (apiBasePath !== '' && !apiBasePath.startsWith('/'))) fail('apiBasePath', 'must be "" or start with "/"')
  if (typeof session !== 'object' || session === null) fail('session', 'expected { autoRefresh?, refreshThreshold? }')
  const { autoRefresh = true, refreshThreshold = 300 } = session
  if (typeof autoRefresh !== 'boolean') fail('session.autoRefresh', 'expected a boolean')
  if (typeof refreshThreshold !== 'number' || !Number.isFinite(refreshThreshold) || refreshThreshold < 0) fail('session.refreshThreshold', 'expected seconds ≥ 0')
  const { timeout = 10_000, credentials, fetch: fetchImpl, debug = false, clientId, clientSecret } = config
  if (typeof timeout !== 'number' || !(timeout > 0) || timeout > MAX_TIMEOUT) fail('timeout', `expected milliseconds in (0, ${MAX_TIMEOUT}]`)
  if (credentials !== undefined && !CREDENTIALS.includes(credentials)) fail('credentials', `expected one of ${CREDENTIALS.join(', ')}`)
  if (fetchImpl !== undefined && typeof fetchImpl !== 'function') fail('fetch', 'expected a function')
  if (typeof debug !== 'boolean') fail('debug', 'expected a boolean')
  if (clientId !== undefined && typeof clientId !== 'string') fail('clientId', 'expected a string')
  if (clientSecret !== undefined && typeof clientSecret !== 'string') fail('clientSecret', 'expected a string')
  const storage = resolveStorage(config.tokenStorage)
  if (storage.type === 'cookie' && credentials !== undefined && credentials !== 'include') {
    fail('credentials', 'cookie token storage needs credentials "include" so the refresh cookie is sent')
  }
  const origin = url.href.replace(/\/+$/, '')
  const basePath = apiBasePath.replace(/\/+$/, '')
  return {
    apiUrl: origin,
    apiBasePath: basePath,
    baseUrl: `${origin}${basePath}/`,
    storage,
    autoRefresh,
    refreshThreshold,
    credentials: storage.type === 'cookie' ? 'include' : credentials,
    debug,
    fetch: fetchImpl,
    timeout,
    clientId,
  }
}
