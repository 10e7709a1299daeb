/**
 * Where the server writes operational messages. Fields are structured so a deployment can ship them as
 * JSON; the server never puts passwords, tokens, links, stack traces or email bodies in them.
 *
 * @example
 * ```ts
 * const logger: Logger = { info: () => {}, warn: console.warn, error: console.error }
 * createPlintoApp({ logger })
 * ```
 */
export interface Logger {
  /** Routine operational events; `fields` are structured context such as `request_id`. */
  info(message: string, fields?: Record<string, unknown>): void
  /**
   * Something needs attention but the server carries on: a webhook delivery or OAuth code exchange failed, refresh
   * token reuse was detected, no mailer or `secretKey` is configured.
   */
  warn(message: string, fields?: Record<string, unknown>): void
  /**
   * An unexpected failure: an unhandled error behind a 500 `INTERNAL_ERROR`, a mailer that rejected, a lost PostgreSQL
   * connection.
   */
  error(message: string, fields?: Record<string, unknown>): void
}

/**
 * The default logger: one line per message on the console.
 *
 * @example
 * ```ts
 * consoleLogger.warn('mailer failed', { request_id: 'req_…' })
 * ```
 */
export const consoleLogger: Logger = {
  info: (message, fields) => console.info(format(message, fields)),
  warn: (message, fields) => console.warn(format(message, fields)),
  error: (message, fields) => console.error(format(message, fields)),
}

/**
 * A logger that drops everything (tests that provoke errors on purpose).
 *
 * @example
 * ```ts
 * createPlintoApp({ logger: silentLogger })
 * ```
 */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }

function format(message: string, fields?: Record<string, unknown>): string {
  return fields ? `[plinto] ${message} ${JSON.stringify(fields)}` : `[plinto] ${message}`
}
