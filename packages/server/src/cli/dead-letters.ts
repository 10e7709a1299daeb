// `plinto-server dead-letters`: the webhook deliveries whose attempts were all spent, listed, and re-queued
// one by one or all at once (a running server delivers them within its poll interval).
import { parseArgs } from 'node:util'
import { toIso } from '../clock'
import type { PlintoStore } from '../store/types'
import { openStore, parseStorage } from './storage'
import { UsageError } from './values'

export const DEAD_LETTERS_HELP = `Usage: plinto-server dead-letters [list] [--json] [storage]
       plinto-server dead-letters requeue (ID | --all) [storage]

Webhook deliveries that failed every attempt (see webhookRetry) are kept as dead letters.
  list              One line per dead letter: id, event, event id, endpoint, attempts, when it died, last
                    error (--json: the records as a JSON array). The default.
  requeue ID        Puts one dead letter back in the queue with its attempts reset; a running server
                    (any instance) delivers it within its poll interval, with the same event id.
  requeue --all     The same for every dead letter.

Storage, as for the server: --data-dir DIR [PLINTO_DATA_DIR] or --database-url URL [DATABASE_URL].
Exit codes: 0 done, 1 no such dead letter, 2 bad arguments.
`

/** Runs the subcommand; resolves with the exit code. `write` prints to stdout. */
export async function deadLetters(
  argv: string[],
  env: NodeJS.ProcessEnv,
  write: (text: string) => void,
): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the parseArgs() assignment below
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) {
    write(DEAD_LETTERS_HELP)
    return 0
  }
  const [action = 'list', id, ...rest] = positionals
  if (rest.length > 0) throw new UsageError(`dead-letters: unexpected ${rest.join(' ')}`)
  if (action !== 'list' && action !== 'requeue') {
    throw new UsageError(`dead-letters: unknown action "${action}" (list or requeue)`)
  }
  if (action === 'list' && (id !== undefined || values.all)) throw new UsageError('dead-letters list takes no id')
  if (action === 'requeue' && (id === undefined) === !values.all) {
    throw new UsageError('dead-letters requeue takes one dead letter id, or --all')
  }
  // Memory is refused: a fresh process's memory holds no dead letters.
  const storage = parseStorage(false, values['data-dir'], values['database-url'], env, 'development')
  if (storage.kind === 'memory') throw new UsageError('dead-letters needs --data-dir DIR or --database-url URL')

  const store = await openStore(storage)
  try {
    return action === 'list' ? await list(store, values.json ?? false, write) : await requeue(store, id, write)
  } finally {
    await store.close()
  }
}

async function list(store: PlintoStore, json: boolean, write: (text: string) => void): Promise<number> {
  const dead = await store.outbox.listDead()
  if (json) {
    write(`${JSON.stringify(dead, null, 2)}\n`)
    return 0
  }
  if (dead.length === 0) {
    write('No dead letters.\n')
    return 0
  }
  const header = ['ID', 'EVENT', 'EVENT ID', 'ENDPOINT', 'ATTEMPTS', 'DEAD SINCE', 'LAST ERROR']
  const rows = [
    header,
    ...dead.map((r) => [
      r.id,
      r.event,
      r.event_id,
      r.endpoint,
      String(r.attempts),
      r.dead_at === null ? '' : toIso(r.dead_at),
      r.last_error ?? '',
    ]),
  ]
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  for (const row of rows) {
    write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    )
  }
  return 0
}

async function requeue(store: PlintoStore, id: string | undefined, write: (text: string) => void): Promise<number> {
  const count = await store.outbox.requeue(id, Date.now())
  if (id !== undefined && count === 0) {
    write(`No dead letter ${id}.\n`)
    return 1
  }
  write(`Re-queued ${count} ${count === 1 ? 'delivery' : 'deliveries'}.\n`)
  return 0
}
