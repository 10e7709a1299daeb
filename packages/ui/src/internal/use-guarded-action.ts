import { useCallback, useRef, useState } from 'react'

/**
 * Runs an async action at most once at a time. The guard is a ref, not the `pending` state: two submits
 * in the same tick (a double click, Enter pressed twice) both see the ref before React re-renders the
 * disabled button, and the second one is dropped.
 */
export function useGuardedAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): [run: (...args: A) => Promise<void>, pending: boolean] {
  const running = useRef(false)
  const [pending, setPending] = useState(false)
  const run = useCallback(
    async (...args: A) => {
      if (running.current) return
      running.current = true
      setPending(true)
      try {
        await action(...args)
      } finally {
        running.current = false
        setPending(false)
      }
    },
    [action],
  )
  return [run, pending]
}
