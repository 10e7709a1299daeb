/** What the API needs to know, from the environment. */
export interface ApiConfig {
  /** Port to listen on. `PORT`, default 3001. */
  port: number
  /** Root URL of the Plinto server, without `/api/v1`; its keys are read from `{url}/.well-known/jwks.json`. */
  plintoApiUrl: string
  /** The `iss` and `aud` your Plinto server puts in access tokens (the reference server's default is `plinto`). */
  issuer: string
  audience: string
  /** The secret this endpoint was registered with on the Plinto server; webhooks are refused until it is set. */
  webhookSecret: string | undefined
  /** Origin of a browser app allowed to call the API (CORS), e.g. `http://localhost:5173`. */
  corsOrigin: string | undefined
}

/**
 * Reads the configuration from environment variables. Throws with a message that names the variable
 * when one is malformed, so a bad deploy fails at start-up rather than on the first request.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const port = Number(env.PORT ?? 3001)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  const plintoApiUrl = (env.PLINTO_API_URL ?? 'http://localhost:8000').replace(/\/+$/, '')
  if (!URL.canParse(plintoApiUrl)) throw new Error(`PLINTO_API_URL must be a URL, got "${env.PLINTO_API_URL}"`)
  return {
    port,
    plintoApiUrl,
    issuer: env.PLINTO_ISSUER || 'plinto',
    audience: env.PLINTO_AUDIENCE || 'plinto',
    webhookSecret: env.PLINTO_WEBHOOK_SECRET || undefined,
    corsOrigin: env.CORS_ORIGIN || undefined,
  }
}
