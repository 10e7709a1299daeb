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
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
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
