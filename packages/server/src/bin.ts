#!/usr/bin/env node
/**
 * `plinto-server`: runs the reference server (`plinto-server dead-letters …` lists and re-queues webhook
 * dead letters instead). Every flag also reads from an environment variable; flags win. Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 1 when the server cannot start, 2 for bad
 * flags or values. The command line is read by cli/.
 */
import { HELP } from './cli/help'
import { parseCli, type CliOptions } from './cli/cli-options'
import { deadLetters } from './cli/dead-letters'
import { describeStorage, openStore } from './cli/storage'
import { UsageError } from './cli/values'
import type { PlintoStore } from './store/types'
import { startServer, type RunningServer } from './node'

async function main(): Promise<void> {
  if (process.argv[2] === 'dead-letters') {
    try {
      process.exit(await deadLetters(process.argv.slice(3), process.env, (text) => process.stdout.write(text)))
    } catch (error) {
      if (!(error instanceof UsageError)) {
        process.stderr.write(`plinto-server: dead-letters failed: ${(error as Error).message}\n`)
        process.exit(1)
      }
      process.stderr.write(`plinto-server: ${error.message}\nRun plinto-server dead-letters --help for usage.\n`)
      process.exit(2)
    }
  }
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

  // Announced only once the signal handlers are in place: a supervisor (or a test) that sends SIGINT as
  // soon as it reads this line must get a clean shutdown, not Node's default exit by signal.
  process.stdout.write(
    `Plinto reference server (${options.mode}, ${describeStorage(options.storage)}) listening on ${server.url}\n`,
  )
  if (options.mode !== 'production') process.stdout.write(`Dev outbox: ${server.url}/__dev/outbox?to=ADDRESS\n`)
}

void main()
