#!/usr/bin/env node
/**
 * `plinto-server`: runs the reference server. Every flag also reads from an environment variable; flags
 * win. Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 1 when the server cannot start, 2 for bad
 * flags or values.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { OAuthClientCredentials, OAuthProviderId, PlintoConfigOverrides, PlintoMode, RateLimitOption, WebhookEndpoint } from './config'
import { createFileStore } from './store/file-store'
import { createMemoryStore } from './store/memory/memory-store'
import { createPostgresStore } from './store/postgres/postgres-store'
import type { PlintoStore } from './store/types'
import { startServer, type RunningServer } from './node'

const HELP = `Usage: plinto-server [options]

Runs the Plinto reference server: the wire contract's API (auth, sessions, users, organizations, MFA,
passkeys, OAuth, webhooks), JWKS, health, and in development/test the dev outbox and dev OAuth provider.

Options (environment variable in brackets; flags win):
  --port N                  Port to listen on, 0 for any free port      [PLINTO_PORT]    default 8000
  --host HOST               Interface to bind                          [PLINTO_HOST]    default 127.0.0.1
  --mode MODE               development | test | production            [PLINTO_MODE]    default development
  --data-dir DIR            Keep all data (users, orgs, keys, …) in DIR [PLINTO_DATA_DIR]
  --memory                  Keep data in memory only (lost on exit)    [PLINTO_MEMORY=1]
  --database-url URL        Keep all data in PostgreSQL (postgres://user:password@host:5432/db)
                                                                       [DATABASE_URL]
  --access-token-ttl SECS   Access token lifetime                      [PLINTO_ACCESS_TOKEN_TTL] default 3600
  --refresh-token-ttl SECS  Refresh token lifetime                     [PLINTO_REFRESH_TOKEN_TTL] default 2592000
  --rate-limit on|off       Contract rate limits                       [PLINTO_RATE_LIMIT] default on (off in test mode)
  --allowed-origin URL      CORS origin allowed with credentials; repeat for more
                                                                       [PLINTO_ALLOWED_ORIGINS, comma-separated]
  --app-url URL             Base URL of the app that email links open  [PLINTO_APP_URL] default http://localhost:5173
  --allowed-redirect-url URL
                            Exact URL OAuth redirect_uri and magic-link redirect_url may name; repeat for more
                                                                       [PLINTO_ALLOWED_REDIRECT_URLS, comma-separated]
                                                                       default APP_URL/auth/callback
  --webhook-url URL         Endpoint that receives events; pair each with --webhook-secret (same order)
  --webhook-secret S        HMAC-SHA256 key of the X-Plinto-Signature of the matching --webhook-url
                                                                       [PLINTO_WEBHOOK_URL + PLINTO_WEBHOOK_SECRET, one pair]
  --rp-id ID                WebAuthn relying-party ID                  [PLINTO_RP_ID]   default the APP_URL host
  --rp-name NAME            WebAuthn relying-party name                [PLINTO_RP_NAME] default Plinto
  --origin URL              Origin WebAuthn responses may come from; repeat for more
                                                                       [PLINTO_ORIGINS, comma-separated] default the APP_URL origin
  --secret-key KEY          32+ characters; encrypts TOTP secrets at rest [PLINTO_SECRET_KEY]
  --oauth-github-client-id ID / --oauth-github-client-secret S
  --oauth-google-client-id ID / --oauth-google-client-secret S
  --oauth-microsoft-client-id ID / --oauth-microsoft-client-secret S
                            OAuth app credentials; a provider is offered only with both
                                                                       [PLINTO_OAUTH_GITHUB_CLIENT_ID, …_SECRET, same for GOOGLE, MICROSOFT]
  --config FILE             JSON file with any createPlintoApp config option (webhooks, oauth, …);
                            flags and environment variables win over it [PLINTO_CONFIG]
  -h, --help                Show this help

Storage: one of --data-dir, --database-url and --memory. With none, development and test mode keep data
in memory; production mode refuses to start (pass --data-dir or --database-url, or --memory to accept
losing everything on exit). PostgreSQL tables (plinto_*) are created and upgraded at start.
`

/** Bad command line: message for stderr, exit code 2. */
class UsageError extends Error {}

/** Where the server keeps its data. */
type Storage = { kind: 'memory' } | { kind: 'file'; dir: string } | { kind: 'postgres'; url: string }

interface CliOptions {
  port: number
  host: string
  mode: PlintoMode
  storage: Storage
  accessTokenTtl: number | undefined
  refreshTokenTtl: number | undefined
  rateLimit: RateLimitOption | undefined
  allowedOrigins: string[] | undefined
  appUrl: string | undefined
  /** Everything else, from --config, environment variables and flags (in rising priority). */
  extra: PlintoConfigOverrides
}

const OAUTH_PROVIDERS: OAuthProviderId[] = ['github', 'google', 'microsoft']

function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        mode: { type: 'string' },
        'data-dir': { type: 'string' },
        memory: { type: 'boolean' },
        'database-url': { type: 'string' },
        'access-token-ttl': { type: 'string' },
        'refresh-token-ttl': { type: 'string' },
        'rate-limit': { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'app-url': { type: 'string' },
        'allowed-redirect-url': { type: 'string', multiple: true },
        'webhook-url': { type: 'string', multiple: true },
        'webhook-secret': { type: 'string', multiple: true },
        'rp-id': { type: 'string' },
        'rp-name': { type: 'string' },
        origin: { type: 'string', multiple: true },
        'secret-key': { type: 'string' },
        'oauth-github-client-id': { type: 'string' },
        'oauth-github-client-secret': { type: 'string' },
        'oauth-google-client-id': { type: 'string' },
        'oauth-google-client-secret': { type: 'string' },
        'oauth-microsoft-client-id': { type: 'string' },
        'oauth-microsoft-client-secret': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return 'help'

  const mode = values.mode ?? env.PLINTO_MODE ?? 'development'
  if (mode !== 'development' && mode !== 'test' && mode !== 'production') {
    throw new UsageError(`--mode must be development, test or production, got "${mode}"`)
  }
  const storage = parseStorage(values.memory ?? false, values['data-dir'], values['database-url'], env, mode)

  const rateLimitText = values['rate-limit'] ?? env.PLINTO_RATE_LIMIT
  if (rateLimitText !== undefined && rateLimitText !== 'on' && rateLimitText !== 'off') {
    throw new UsageError(`--rate-limit must be on or off, got "${rateLimitText}"`)
  }
  const originsText = values['allowed-origin'] ?? env.PLINTO_ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean)
  const appUrl = values['app-url'] ?? env.PLINTO_APP_URL
  if (appUrl !== undefined) toUrl(appUrl, '--app-url')

  const extra = readConfigFile(values.config ?? env.PLINTO_CONFIG)
  const redirects = values['allowed-redirect-url'] ?? list(env.PLINTO_ALLOWED_REDIRECT_URLS)
  if (redirects) extra.allowedRedirectUrls = redirects.map((url) => toUrl(url, '--allowed-redirect-url').href)
  const webhooks = webhookPairs(values['webhook-url'], values['webhook-secret'], env)
  if (webhooks) extra.webhooks = webhooks
  const rpId = values['rp-id'] ?? env.PLINTO_RP_ID
  if (rpId) extra.rpId = rpId
  const rpName = values['rp-name'] ?? env.PLINTO_RP_NAME
  if (rpName) extra.rpName = rpName
  const origins = values.origin ?? list(env.PLINTO_ORIGINS)
  if (origins) extra.origins = origins.map((origin) => toUrl(origin, '--origin').origin)
  const secretKey = values['secret-key'] ?? env.PLINTO_SECRET_KEY
  if (secretKey !== undefined && secretKey !== '') {
    if (secretKey.length < 32) throw new UsageError('--secret-key must be at least 32 characters')
    extra.secretKey = secretKey
  }
  for (const provider of OAUTH_PROVIDERS) {
    const upper = provider.toUpperCase()
    const clientId = (values as Record<string, string | undefined>)[`oauth-${provider}-client-id`] ?? env[`PLINTO_OAUTH_${upper}_CLIENT_ID`]
    const clientSecret = (values as Record<string, string | undefined>)[`oauth-${provider}-client-secret`] ?? env[`PLINTO_OAUTH_${upper}_CLIENT_SECRET`]
    if (!clientId && !clientSecret) continue
    if (!clientId || !clientSecret) {
      throw new UsageError(`--oauth-${provider}-client-id and --oauth-${provider}-client-secret go together`)
    }
    const previous: Partial<OAuthClientCredentials> = extra.oauth?.[provider] ?? {}
    extra.oauth = { ...extra.oauth, [provider]: { ...previous, clientId, clientSecret } }
  }

  return {
    extra,
    port: integer(values.port ?? env.PLINTO_PORT, '--port', 8000, 0, 65535),
    host: values.host ?? env.PLINTO_HOST ?? '127.0.0.1',
    mode,
    storage,
    accessTokenTtl: optionalInteger(values['access-token-ttl'] ?? env.PLINTO_ACCESS_TOKEN_TTL, '--access-token-ttl'),
    refreshTokenTtl: optionalInteger(values['refresh-token-ttl'] ?? env.PLINTO_REFRESH_TOKEN_TTL, '--refresh-token-ttl'),
    // "on" means the contract's limits, even in test mode; "off" means none.
    rateLimit: rateLimitText === undefined ? undefined : rateLimitText === 'on' ? {} : false,
    allowedOrigins: originsText?.map((origin) => toUrl(origin, '--allowed-origin').origin),
    appUrl,
  }
}

// Storage: a flag (any one) wins over all the variables; two flags, or two variables, are a contradiction.
function parseStorage(
  memoryFlag: boolean,
  dataDirFlag: string | undefined,
  databaseUrlFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  mode: PlintoMode,
): Storage {
  const flags = [memoryFlag && '--memory', dataDirFlag !== undefined && '--data-dir', databaseUrlFlag !== undefined && '--database-url']
  const given = flags.filter((flag): flag is string => flag !== false)
  if (given.length > 1) throw new UsageError(`Use only one of --memory, --data-dir and --database-url (got ${given.join(' and ')})`)
  let memory = memoryFlag
  let dataDir = dataDirFlag
  let databaseUrl = databaseUrlFlag
  if (given.length === 0) {
    memory = isTruthy(env.PLINTO_MEMORY, 'PLINTO_MEMORY')
    dataDir = env.PLINTO_DATA_DIR || undefined
    databaseUrl = env.DATABASE_URL || undefined
    const set = [memory && 'PLINTO_MEMORY', dataDir !== undefined && 'PLINTO_DATA_DIR', databaseUrl !== undefined && 'DATABASE_URL']
    const named = set.filter((name): name is string => name !== false)
    if (named.length > 1) throw new UsageError(`Set only one of PLINTO_MEMORY, PLINTO_DATA_DIR and DATABASE_URL (got ${named.join(' and ')})`)
  }
  if (databaseUrl !== undefined) {
    postgresUrl(databaseUrl)
    return { kind: 'postgres', url: databaseUrl }
  }
  if (dataDir !== undefined) return { kind: 'file', dir: dataDir }
  if (!memory && mode === 'production') {
    throw new UsageError(
      'Production mode needs durable storage: pass --data-dir DIR or --database-url URL (or --memory to keep data in memory only)',
    )
  }
  return { kind: 'memory' }
}

/** Parses a PostgreSQL URL; the message of a bad one never repeats it (it may hold a password). */
function postgresUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError('--database-url must be a URL like postgres://user:password@host:5432/database')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UsageError(`--database-url must be a postgres:// or postgresql:// URL, got a ${url.protocol} URL`)
  }
  return url
}

/** `host:port/database` of a PostgreSQL URL: what the startup line shows, never the user or password. */
function describePostgres(text: string): string {
  const url = postgresUrl(text)
  // A Unix socket is named by ?host=/path, with no host in the authority.
  const host = url.host || url.searchParams.get('host') || 'localhost'
  const database = decodeURIComponent(url.pathname.slice(1)) || 'default database'
  return `${host}/${database}`
}

function describeStorage(storage: Storage): string {
  if (storage.kind === 'file') return `data in ${storage.dir}`
  if (storage.kind === 'postgres') return `data in PostgreSQL (${describePostgres(storage.url)})`
  return 'data in memory (lost on exit)'
}

async function openStore(storage: Storage): Promise<PlintoStore> {
  if (storage.kind === 'file') return createFileStore(storage.dir)
  if (storage.kind === 'postgres') return createPostgresStore({ connectionString: storage.url })
  return createMemoryStore()
}

function list(text: string | undefined): string[] | undefined {
  const items = text?.split(',').map((item) => item.trim()).filter(Boolean)
  return items && items.length > 0 ? items : undefined
}

function webhookPairs(urls: string[] | undefined, secrets: string[] | undefined, env: NodeJS.ProcessEnv): WebhookEndpoint[] | undefined {
  if (urls === undefined && secrets === undefined) {
    if (!env.PLINTO_WEBHOOK_URL && !env.PLINTO_WEBHOOK_SECRET) return undefined
    urls = env.PLINTO_WEBHOOK_URL ? [env.PLINTO_WEBHOOK_URL] : []
    secrets = env.PLINTO_WEBHOOK_SECRET ? [env.PLINTO_WEBHOOK_SECRET] : []
  }
  urls ??= []
  secrets ??= []
  if (urls.length !== secrets.length) throw new UsageError('Give one --webhook-secret for each --webhook-url')
  return urls.map((url, i) => ({ url: toUrl(url, '--webhook-url').href, secret: secrets[i] ?? '' }))
}

/** Reads `--config FILE`: a JSON object of config options (validated by the server when it starts). */
function readConfigFile(path: string | undefined): PlintoConfigOverrides {
  if (path === undefined || path === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UsageError(`--config ${path}: ${(error as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--config ${path} must hold a JSON object`)
  return parsed as PlintoConfigOverrides
}

function integer(text: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${text}"`)
  }
  return Number(text)
}

function optionalInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined || text === '') return undefined
  return integer(text, flag, 0, 1, 10 * 365 * 24 * 3600)
}

function isTruthy(text: string | undefined, name: string): boolean {
  if (text === undefined || text === '' || text === '0' || text === 'false') return false
  if (text === '1' || text === 'true') return true
  throw new UsageError(`${name} must be 1/true or 0/false, got "${text}"`)
}

function toUrl(text: string, flag: string): URL {
  try {
    const url = new URL(text)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http')
    return url
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL, got "${text}"`)
  }
}

async function main(): Promise<void> {
  let options: CliOptions | 'help'
  try {
    options = parseCli(process.argv.slice(2), process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`plinto-server: ${error.message}\nRun plinto-server --help for usage.\n`)
    process.exit(2)
  }
  if (options === 'help') {
    process.stdout.write(HELP)
    return
  }

  let store: PlintoStore
  let server: RunningServer
  try {
    store = await openStore(options.storage)
    server = await startServer({
      port: options.port,
      host: options.host,
      mode: options.mode,
      store,
      config: {
        ...options.extra,
        ...(options.accessTokenTtl !== undefined && { accessTokenTtl: options.accessTokenTtl }),
        ...(options.refreshTokenTtl !== undefined && { refreshTokenTtl: options.refreshTokenTtl }),
        ...(options.rateLimit !== undefined && { rateLimit: options.rateLimit }),
        ...(options.allowedOrigins !== undefined && { allowedOrigins: options.allowedOrigins }),
        ...(options.appUrl !== undefined && { appUrl: options.appUrl }),
      },
    })
  } catch (error) {
    process.stderr.write(`plinto-server: could not start: ${(error as Error).message}\n`)
    process.exit(1)
  }

  process.stdout.write(`Plinto reference server (${options.mode}, ${describeStorage(options.storage)}) listening on ${server.url}\n`)
  if (options.mode !== 'production') process.stdout.write(`Dev outbox: ${server.url}/__dev/outbox?to=ADDRESS\n`)

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`Received ${signal}, shutting down\n`)
    server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`plinto-server: shutdown failed: ${(error as Error).message}\n`)
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

void main()
