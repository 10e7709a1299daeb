/** What the token manager uses of the Web Locks API (`navigator.locks`). */
interface LockManagerLike {
  request<T>(name: string, options: { signal: AbortSignal }, callback: () => Promise<T>): Promise<T>
}

/** Runs `work` while holding the lock (or, when the lock could not be had in time, without it). */
export type RunLocked = <T>(work: () => Promise<T>) => Promise<T>

/**
 * An exclusive lock shared by every tab of the origin (Web Locks), or `undefined` where there is none
 * (Node, older browsers). The caller must not run user code inside `work`: a listener that waited for
 * the same lock would deadlock (supabase auth-js had exactly that). Waiting is bounded by `waitMs`: a tab
 * that does not get the lock by then (its holder frozen or stuck) runs `work` without it, a rare race
 * that the server's grace window covers. So does a browser with Web Locks but without
 * `AbortSignal.timeout` (Safari 15.4–15.6): its refreshes run without the lock.
 */
export function createCrossTabLock(name: string, waitMs: number): RunLocked | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
  return (
    locks &&
    (async (work) => {
      let granted = false
      try {
        return await locks.request(name, { signal: AbortSignal.timeout(waitMs) }, () => {
          granted = true
          return work()
        })
      } catch (error) {
        // The wait timed out, or the lock manager refused (e.g. an opaque origin): refresh without the lock.
        if (granted) throw error
        return work()
      }
    })
  )
}
