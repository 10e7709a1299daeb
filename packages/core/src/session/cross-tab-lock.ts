import { sleep } from '../internal/sleep'

/** What the refresh uses of the Web Locks API (`navigator.locks`). */
interface LockManagerLike {
  request<T>(name: string, options: { signal: AbortSignal }, callback: () => Promise<T>): Promise<T>
}

/** Runs `work` while holding the lock (or, when the lock could not be had in time, without it). */
export type RunLocked = <T>(work: () => Promise<T>) => Promise<T>

/**
 * How long the lock stays held after `work` is done. In Chromium the next tab can be granted the lock
 * before the holder's storage write and channel message have reached it (tabs run in separate processes,
 * and the lock, storage and messages travel separate routes: measured, a quarter of the waiting tabs saw
 * the old tokens, for up to 5 ms). Holding on a little makes the news arrive first. The holder itself
 * carries on at once; only tabs that want the lock in that moment wait.
 */
export const LOCK_SETTLE_MS = 100

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
    ((work) =>
      new Promise((resolve, reject) => {
        let granted = false
        locks
          .request(name, { signal: AbortSignal.timeout(waitMs) }, async () => {
            granted = true
            // The caller goes on with the result while the lock is still held for the settle time.
            await work().then(resolve, reject)
            await sleep(LOCK_SETTLE_MS)
          })
          // The wait timed out, or the lock manager refused (e.g. an opaque origin): run without the lock.
          .catch(() => {
            if (!granted) void work().then(resolve, reject)
          })
      }))
  )
}
