import type { PlintoClient } from '@plinto/typescript-sdk'

/**
 * What a data hook reads for one query: the last data, the last error, and whether a request is running.
 * The same frozen object until one of them changes, so `useSyncExternalStore` can compare by identity.
 */
export interface QueryState<T> {
  readonly data: T | undefined
  readonly error: unknown
  /** No data yet and a request is running (or about to: the hook has not subscribed yet). */
  readonly isLoading: boolean
  /** A request is running, also a background refetch that keeps the previous data on screen. */
  readonly isFetching: boolean
}

interface Entry {
  state: QueryState<unknown>
  fetcher: () => Promise<unknown>
  listeners: Set<() => void>
  /** The running request; a second caller gets the same promise (dedupe). */
  inFlight: Promise<void> | undefined
  /** Incremented by every fetch: a response that is no longer the latest is dropped. */
  generation: number
  /** Invalidated while nobody watched it: fetched again on the next subscribe. */
  stale: boolean
}

export const LOADING_STATE: QueryState<never> = Object.freeze({
  data: undefined,
  error: null,
  isLoading: true,
  isFetching: false,
})
export const IDLE_STATE: QueryState<never> = Object.freeze({
  data: undefined,
  error: null,
  isLoading: false,
  isFetching: false,
})

/**
 * A small query cache, one per client (TanStack Query's idea, a fraction of its size): entries keyed by a
 * string, one request per key at a time whatever the number of mounted hooks, invalidation by key prefix
 * (actions invalidate what they changed), and reactions to the client's events — a sign-out or sign-in
 * drops every entry (the data belonged to that session), `userUpdated` refetches what depends on
 * the user's factors. Keys name the user (and the active organization), so switching either reads other entries. React
 * state lives here, not in components.
 */
export class QueryCache {
  readonly #entries = new Map<string, Entry>()

  constructor(client: PlintoClient) {
    // Keys carry the user's ID (and the organization's where it matters), so another user or another
    // active organization reads other entries anyway; these drop what should not outlive its session.
    client.on('signedOut', () => this.clear(false))
    client.on('signedIn', () => this.clear(true))
    client.on('userUpdated', () => void this.invalidate('mfa:'))
  }

  /** The state of `key`; loading for a key nobody fetched yet. */
  getState<T>(key: string): QueryState<T> {
    return (this.#entries.get(key)?.state ?? LOADING_STATE) as QueryState<T>
  }

  /** Watches `key`; the first watcher (or the first after an invalidation) starts the request. */
  subscribe(key: string, fetcher: () => Promise<unknown>, listener: () => void): () => void {
    const entry = this.#entry(key, fetcher)
    entry.fetcher = fetcher
    entry.listeners.add(listener)
    if (!entry.inFlight && (entry.stale || (entry.state.data === undefined && entry.state.error === null)))
      void this.fetch(key)
    return () => void entry.listeners.delete(listener)
  }

  /** Fetches `key` now unless a request for it is already running (then waits for that one). */
  fetch(key: string): Promise<void> {
    const entry = this.#entries.get(key)
    if (!entry) return Promise.resolve()
    if (entry.inFlight) return entry.inFlight
    return this.#start(entry)
  }

  /** Refetches watched entries whose key starts with `prefix`; unwatched ones refetch on their next subscribe. */
  invalidate(prefix: string): Promise<void> {
    const running: Promise<void>[] = []
    for (const [key, entry] of this.#entries) {
      if (!key.startsWith(prefix)) continue
      if (entry.listeners.size === 0) entry.stale = true
      else running.push(this.#start(entry))
    }
    return Promise.all(running).then(() => undefined)
  }

  /**
   * Forgets every entry's data. After a sign-out nothing is fetched (the hooks switch to their signed-out
   * state); after a sign-in, entries still watched (the same user, adopted from another tab) fetch again.
   */
  clear(refetchWatched: boolean): void {
    for (const entry of this.#entries.values()) {
      entry.generation++
      entry.inFlight = undefined
      entry.stale = true
      this.#set(entry, LOADING_STATE)
      if (refetchWatched && entry.listeners.size > 0) void this.#start(entry)
    }
  }

  #entry(key: string, fetcher: () => Promise<unknown>): Entry {
    let entry = this.#entries.get(key)
    if (!entry) {
      entry = { state: LOADING_STATE, fetcher, listeners: new Set(), inFlight: undefined, generation: 0, stale: false }
      this.#entries.set(key, entry)
    }
    return entry
  }

  #start(entry: Entry): Promise<void> {
    const generation = ++entry.generation
    entry.stale = false
    this.#set(entry, { ...entry.state, isLoading: entry.state.data === undefined, isFetching: true })
    const run = entry.fetcher().then(
      (data) => {
        if (entry.generation === generation)
          this.#set(entry, { data, error: null, isLoading: false, isFetching: false })
      },
      (error: unknown) => {
        if (entry.generation === generation)
          this.#set(entry, { data: entry.state.data, error, isLoading: false, isFetching: false })
      },
    )
    const inFlight = run.finally(() => {
      if (entry.inFlight === inFlight) entry.inFlight = undefined
    })
    entry.inFlight = inFlight
    return inFlight
  }

  #set(entry: Entry, next: QueryState<unknown>): void {
    const previous = entry.state
    if (
      previous.data === next.data &&
      previous.error === next.error &&
      previous.isLoading === next.isLoading &&
      previous.isFetching === next.isFetching
    )
      return
    entry.state = Object.freeze(next)
    for (const listener of [...entry.listeners]) listener()
  }
}

const caches = new WeakMap<PlintoClient, QueryCache>()

/** The query cache of `client`, created on first use (shared by every provider of the same client). */
export function queryCacheFor(client: PlintoClient): QueryCache {
  let cache = caches.get(client)
  if (!cache) {
    cache = new QueryCache(client)
    caches.set(client, cache)
  }
  return cache
}
