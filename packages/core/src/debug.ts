/** A debug logger: `console.debug` with a prefix when `debug` is on, a no-op otherwise. Never given tokens. */
export type Log = (...args: unknown[]) => void

export const createLog =
  (debug: boolean): Log =>
  (...args) => {
    if (debug) console.debug('[plinto]', ...args)
  }
