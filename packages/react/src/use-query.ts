import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react'
import { IDLE_STATE, LOADING_STATE, queryCacheFor, type QueryState } from './query-cache'
import { useRequiredClient } from './use-required-client'

/**
 * The part of a data hook's result that comes from the query cache: `data`, `error`, `isLoading`,
 * `isFetching` and `refetch`.
 *
 * @example
 * ```tsx
 * const { data, error, isLoading, refetch }: QueryResult<Session[]> = useSessions()
 * ```
 */
export interface QueryResult<T> {
  /** The last data received; `undefined` until the first answer (and when signed out). */
  data: T | undefined
  /** The last request's error (a `PlintoError`), `null` after a success. Data of an earlier success stays. */
  error: unknown
  /** True while there is no data yet and it is being fetched (and during server rendering). */
  isLoading: boolean
  /** True while any request for it runs, also a refetch in the background. */
  isFetching: boolean
  /** Fetches again (joins a request already running); resolves when the new state is in. */
  refetch: () => Promise<void>
}

const noop = () => () => {}

/**
 * Reads `key` from the client's query cache with `useSyncExternalStore`; mounting subscribes, and the
 * first subscriber starts the request (concurrent mounts share it). `key` `null` disables the query
 * (signed out): the result is idle, nothing is fetched. Server rendering reads the loading state.
 * `fetcher` must be equivalent for a given key (it may be a new function every render).
 */
export function useQuery<T>(hookName: string, key: string | null, fetcher: () => Promise<T>): QueryResult<T> {
  const client = useRequiredClient(hookName)
  const cache = queryCacheFor(client)
  // Read when a request starts; kept out of the dependencies so a new closure does not resubscribe.
  const fetcherRef = useRef(fetcher)
  fetcherRef.current = fetcher
  const subscribe = useCallback(
    (listener: () => void) => (key === null ? noop() : cache.subscribe(key, () => fetcherRef.current(), listener)),
    [cache, key],
  )
  const getSnapshot = useCallback(() => (key === null ? IDLE_STATE : cache.getState<T>(key)), [cache, key])
  const state: QueryState<T> = useSyncExternalStore(subscribe, getSnapshot, () => LOADING_STATE)
  const refetch = useCallback(() => (key === null ? Promise.resolve() : cache.fetch(key)), [cache, key])
  return useMemo(
    () => ({ data: state.data, error: state.error, isLoading: state.isLoading, isFetching: state.isFetching, refetch }),
    [state, refetch],
  )
}
