// plinto-server's command line: flags, their environment variables and a --config file, into options.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type {
  OAuthClientCredentials,
  OAuthProviderId,
  PlintoConfigOverrides,
  PlintoMode,
  WebhookEndpoint,
} from '../config'
import type { RateLimitOption } from '../rate-limit/rate-limit-rules'
import { parseStorage, type Storage } from './storage'
import { integer, list, optionalInteger, toUrl, UsageError } from './values'

export interface CliOptions {
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

/** The providers configured with a client ID and secret; Apple has its own four settings. */
const OAUTH_PROVIDERS: Exclude<OAuthProviderId, 'apple'>[] = ['github', 'google', 'microsoft']

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the parseArgs() assignment below (control-flow typing); spelling out parseArgs' result type for these 30 options would duplicate them
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
        'reauthentication-max-age': { type: 'string' },
        'rate-limit': { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'app-url': { type: 'string' },
        'public-url': { type: 'string' },
        'allowed-redirect-url': { type: 'string', multiple: true },
        'webhook-url': { type: 'string', multiple: true },
        'webhook-secret': { type: 'string', multiple: true },
        'rp-id': { type: 'string' },
        'rp-name': { type: 'string' },
        origin: { type: 'string', multiple: true },
        'secret-key': { type: 'string' },
        'email-codes': { type: 'string' },
        'oauth-github-client-id': { type: 'string' },
        'oauth-github-client-secret': { type: 'string' },
        'oauth-google-client-id': { type: 'string' },
        'oauth-google-client-secret': { type: 'string' },
        'oauth-microsoft-client-id': { type: 'string' },
        'oauth-microsoft-client-secret': { type: 'string' },
        'oauth-apple-client-id': { type: 'string' },
        'oauth-apple-team-id': { type: 'string' },
        'oauth-apple-key-id': { type: 'string' },
        'oauth-apple-private-key-file': { type: 'string' },
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
  const originsText =
    values['allowed-origin'] ??
    env.PLINTO_ALLOWED_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean)
  const appUrl = values['app-url'] ?? env.PLINTO_APP_URL
  if (appUrl !== undefined) toUrl(appUrl, '--app-url')

  const extra = readConfigFile(values.config ?? env.PLINTO_CONFIG)
  const redirects = values['allowed-redirect-url'] ?? list(env.PLINTO_ALLOWED_REDIRECT_URLS)
  if (redirects) extra.allowedRedirectUrls = redirects.map((url) => toUrl(url, '--allowed-redirect-url').href)
  const webhooks = webhookPairs(values['webhook-url'], values['webhook-secret'], env)
  if (webhooks) extra.webhooks = webhooks
  const reauthenticationMaxAge = optionalInteger(
    values['reauthentication-max-age'] ?? env.PLINTO_REAUTHENTICATION_MAX_AGE,
    '--reauthentication-max-age',
  )
  if (reauthenticationMaxAge !== undefined) extra.reauthenticationMaxAgeSeconds = reauthenticationMaxAge
  const publicUrl = values['public-url'] ?? env.PLINTO_PUBLIC_URL
  if (publicUrl) {
    const url = toUrl(publicUrl, '--public-url')
    if (url.search || url.hash) throw new UsageError(`--public-url must have no query or fragment, got "${publicUrl}"`)
    extra.publicUrl = publicUrl
  }
  const emailCodes = values['email-codes'] ?? env.PLINTO_EMAIL_CODES
  if (emailCodes !== undefined && emailCodes !== 'on' && emailCodes !== 'off') {
    throw new UsageError(`--email-codes must be on or off, got "${emailCodes}"`)
  }
  if (emailCodes !== undefined) extra.emailCodes = emailCodes === 'on'
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
    const clientId =
      (values as Record<string, string | undefined>)[`oauth-${provider}-client-id`] ??
      env[`PLINTO_OAUTH_${upper}_CLIENT_ID`]
    const clientSecret =
      (values as Record<string, string | undefined>)[`oauth-${provider}-client-secret`] ??
      env[`PLINTO_OAUTH_${upper}_CLIENT_SECRET`]
    if (!clientId && !clientSecret) continue
    if (!clientId || !clientSecret) {
      throw new UsageError(`--oauth-${provider}-client-id and --oauth-${provider}-client-secret go together`)
    }
    const previous: Partial<OAuthClientCredentials> = extra.oauth?.[provider] ?? {}
    extra.oauth = { ...extra.oauth, [provider]: { ...previous, clientId, clientSecret } }
  }
  const apple = parseApple(values, env)
  if (apple) extra.oauth = { ...extra.oauth, apple: { ...extra.oauth?.apple, ...apple } }

  return {
    extra,
    port: integer(values.port ?? env.PLINTO_PORT, '--port', 8000, 0, 65535),
    host: values.host ?? env.PLINTO_HOST ?? '127.0.0.1',
    mode,
    storage,
    accessTokenTtl: optionalInteger(values['access-token-ttl'] ?? env.PLINTO_ACCESS_TOKEN_TTL, '--access-token-ttl'),
    refreshTokenTtl: optionalInteger(
      values['refresh-token-ttl'] ?? env.PLINTO_REFRESH_TOKEN_TTL,
      '--refresh-token-ttl',
    ),
    // "on" means the contract's limits, even in test mode; "off" means none.
    rateLimit: rateLimitText === undefined ? undefined : rateLimitText === 'on' ? {} : false,
    allowedOrigins: originsText?.map((origin) => toUrl(origin, '--allowed-origin').origin),
    appUrl,
  }
}

function webhookPairs(
  urls: string[] | undefined,
  secrets: string[] | undefined,
  env: NodeJS.ProcessEnv,
): WebhookEndpoint[] | undefined {
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
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`--config ${path} must hold a JSON object`)
  return parsed as PlintoConfigOverrides
}

/**
 * Sign in with Apple from flags or environment variables: the Services ID, team ID, key ID and the `.p8` key
 * file, all four or none. The key is read from its file (a PEM does not fit a flag, and files keep it out of
 * the process list).
 */
function parseApple(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): { clientId: string; teamId: string; keyId: string; privateKey: string } | undefined {
  const setting = (flag: string, variable: string) =>
    (values[`oauth-apple-${flag}`] as string | undefined) ?? env[`PLINTO_OAUTH_APPLE_${variable}`] ?? ''
  const clientId = setting('client-id', 'CLIENT_ID')
  const teamId = setting('team-id', 'TEAM_ID')
  const keyId = setting('key-id', 'KEY_ID')
  const keyFile = setting('private-key-file', 'PRIVATE_KEY_FILE')
  const given = [clientId, teamId, keyId, keyFile].filter(Boolean).length
  if (given === 0) return undefined
  if (given < 4) {
    throw new UsageError(
      '--oauth-apple-client-id, --oauth-apple-team-id, --oauth-apple-key-id and --oauth-apple-private-key-file go together',
    )
  }
  let privateKey: string
  try {
    privateKey = readFileSync(keyFile, 'utf8')
  } catch {
    throw new UsageError(`--oauth-apple-private-key-file: cannot read ${keyFile}`)
  }
  if (!privateKey.includes('-----BEGIN PRIVATE KEY-----'))
    throw new UsageError(
      `--oauth-apple-private-key-file: ${keyFile} is not a PKCS #8 PEM key (the .p8 file from Apple)`,
    )
  return { clientId, teamId, keyId, privateKey }
}
