import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { createStateStore } from './memory/memory-store'
import { emptyState, type StoreState } from './memory/state'
import type { PlintoStore } from './types'

/**
 * Name of the state file inside the data directory.
 *
 * @example
 * ```ts
 * const backup = join(dataDir, STATE_FILE) // copy it while the server is stopped
 * ```
 */
export const STATE_FILE = 'plinto-state.json'

/**
 * A durable store in a directory: the whole state in one JSON file (`plinto-state.json`, mode 0600 since it
 * holds the private signing key and password hashes), rewritten atomically (temp file, fsync, rename)
 * after each change, so a crash leaves either the old or the new state, never half of one. Every write
 * resolves only once it is on disk; concurrent writes coalesce into one. Meant for `plinto-server`, the
 * examples and small deployments run by one process; use a database store for more.
 *
 * @example
 * ```ts
 * const store = await createFileStore('.plinto-data')
 * const app = createPlintoApp({ store })
 * // … on shutdown
 * await store.close()
 * ```
 */
export async function createFileStore(dir: string): Promise<PlintoStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, STATE_FILE)
  const state = await load(file)

  let current: Promise<void> = Promise.resolve()
  let queued: Promise<void> | undefined
  let lastWriteFailed = false
  let closed = false

  const write = async () => {
    const temp = `${file}.${crypto.randomUUID()}.tmp`
    const handle = await open(temp, 'w', 0o600)
    try {
      await handle.writeFile(JSON.stringify(state))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  }

  // At most one write runs; changes made while it runs share the next one. Each caller's promise resolves
  // after a write that started after its change.
  const persist = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('The file store is closed'))
    if (queued) return queued
    const next = current
      .catch(() => undefined)
      .then(() => {
        queued = undefined
        return write()
      })
      .then(
        () => {
          lastWriteFailed = false
        },
        (error: unknown) => {
          lastWriteFailed = true
          throw error
        },
      )
    queued = next
    current = next
    return next
  }

  const store = createStateStore(state, persist, async () => {
    await persist()
    closed = true
  })
  return { ...store, ping: async () => !lastWriteFailed && !closed }
}

async function load(file: string): Promise<StoreState> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState()
    throw error
  }
  const parsed = JSON.parse(text) as Partial<StoreState>
  if (parsed.version !== 1) throw new Error(`${file}: unsupported state version ${String(parsed.version)}`)
  const state = { ...emptyState(), ...parsed } as StoreState
  // Files written before sessions had an active organization: none.
  for (const session of Object.values(state.sessions)) session.active_organization_id ??= null
  return state
}
