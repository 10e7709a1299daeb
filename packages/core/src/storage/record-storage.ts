import type { ResolvedConfig } from '../config'
import { PlintoError } from '../errors'
import { createMemoryStorage } from './memory-storage'
import type { StorageAdapter } from './types'
import { getWebStorage } from './web-storage'

/** The session record's place in the configured storage: one key, read, written and removed. */
export interface RecordStorage {
  /** The backing Web Storage when there is one, for `storage` events. */
  readonly webStorage: Storage | null
  read(): Promise<string | null>
  write(value: string): Promise<void>
  remove(): Promise<void>
}

/**
 * Wraps the configured storage so it can never break the client: the first time it throws (quota,
 * disabled, a custom adapter rejecting) we report `STORAGE_ERROR` and continue with memory, carrying the
 * latest value over. Writes are chained so an async adapter cannot reorder them (a late write of an old
 * session after a sign-out would resurrect it).
 */
export function createRecordStorage(
  config: ResolvedConfig,
  onError: (error: PlintoError) => void,
  log: (...args: unknown[]) => void,
): RecordStorage {
  const { storage } = config
  const key = storage.key
  let webStorage: Storage | null = null
  let adapter: StorageAdapter = storage.type === 'custom' ? storage.adapter : createMemoryStorage()
  let failed = false

  const fallback = (cause: unknown, latest: string | null) => {
    if (failed) return
    failed = true
    webStorage = null
    adapter = createMemoryStorage()
    if (latest !== null) adapter.setItem(key, latest)
    onError(new PlintoError('STORAGE_ERROR', 'Token storage failed; keeping the session in memory', { cause }))
  }

  // 'memory', and 'cookie' where the only thing held is the in-memory access token (see session/session-manager),
  // keep the memory adapter; so do Web Storage modes in a runtime without Web Storage (SSR).
  if (storage.type === 'localStorage' || storage.type === 'sessionStorage') {
    try {
      webStorage = getWebStorage(storage.type)
      if (webStorage) adapter = webStorage
      else log(`${storage.type} is not available here; keeping the session in memory`)
    } catch (cause) {
      fallback(cause, null)
    }
  }

  let queue: Promise<unknown> = Promise.resolve()
  const enqueue = (value: string | null) => {
    const run = async () => {
      try {
        if (value === null) await adapter.removeItem(key)
        else await adapter.setItem(key, value)
      } catch (cause) {
        fallback(cause, value)
      }
    }
    const next = queue.then(run)
    queue = next
    return next
  }

  return {
    get webStorage() {
      return webStorage
    },
    async read() {
      try {
        const value = await adapter.getItem(key)
        return typeof value === 'string' ? value : null
      } catch (cause) {
        fallback(cause, null)
        return null
      }
    },
    write: (value) => enqueue(value),
    remove: () => enqueue(null),
  }
}
