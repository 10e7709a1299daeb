import { useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { AuthSnapshot } from '@plinto/typescript-sdk'
import { InitialSnapshotContext } from './initial-state'
import { useRequiredClient } from './use-required-client'

/**
 * Reads a slice of the client's snapshot with `useSyncExternalStore`, re-rendering only when the slice
 * changes by `isEqual`. The same algorithm as `use-sync-external-store/with-selector` (what TanStack Query
 * and React Redux use), in 30 lines and without the CommonJS dependency: the last selection is memoised
 * per snapshot, and a new snapshot whose selection is equal returns the previous selection object, so
 * React's `Object.is` check sees no change and skips the render.
 */
export function useAuthSelector<T>(
  hookName: string,
  selector: (snapshot: AuthSnapshot) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const client = useRequiredClient(hookName)
  // "loading" unless the provider got the server's view (`initialState`); then that view is what the
  // server renders, what hydration renders, and what the client shows until it has read its own session.
  const initial = useContext(InitialSnapshotContext)
  // Survives re-renders, so a new selector instance still returns the committed selection when equal.
  const committed = useRef<{ value: T } | null>(null)

  const [getSelection, getServerSelection] = useMemo(() => {
    let memoSnapshot: AuthSnapshot | undefined
    let memoSelection: T
    const select = (snapshot: AuthSnapshot): T => {
      if (memoSnapshot === snapshot) return memoSelection
      const next = selector(snapshot)
      const previous = memoSnapshot === undefined ? committed.current : { value: memoSelection }
      memoSnapshot = snapshot
      memoSelection = previous && isEqual(previous.value, next) ? previous.value : next
      return memoSelection
    }
    const current = () => {
      const snapshot = client.getSnapshot()
      return snapshot.status === 'loading' ? initial : snapshot
    }
    return [() => select(current()), () => select(initial)] as const
  }, [client, selector, isEqual, initial])

  const value = useSyncExternalStore(client.subscribe, getSelection, getServerSelection)
  useEffect(() => {
    committed.current = { value }
  }, [value])
  return value
}
