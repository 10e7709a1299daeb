import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { AuthSnapshot } from '@plinto/typescript-sdk'
import { SERVER_SNAPSHOT } from './server-snapshot'
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
    return [() => select(client.getSnapshot()), () => select(SERVER_SNAPSHOT)] as const
  }, [client, selector, isEqual])

  const value = useSyncExternalStore(client.subscribe, getSelection, getServerSelection)
  useEffect(() => {
    committed.current = { value }
  }, [value])
  return value
}
