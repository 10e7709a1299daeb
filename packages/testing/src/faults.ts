/**
 * Which requests a fault applies to.
 *
 * @example
 * ```ts
 * const target: FaultTarget = { path: '/auth/refresh', method: 'POST', times: 2 }
 * ```
 */
export interface FaultTarget {
  /**
   * Path relative to the API base path (`/auth/refresh`), or a root path (`/.well-known/jwks.json`), or a RegExp tested
   * against either.
   */
  path: string | RegExp
  /** HTTP method; any method when omitted. */
  method?: string
  /** How many matching requests it affects, default 1. `Infinity` for all until `faults.clear()`. */
  times?: number
}

/**
 * Options of {@link Faults.respond}.
 *
 * @example
 * ```ts
 * const fault: RespondFault = { path: '/auth/me', status: 503, body: { detail: 'down', error_code: 'INTERNAL_ERROR' } }
 * ```
 */
export interface RespondFault extends FaultTarget {
  status: number
  /** JSON-serialised unless it is a string. No body when omitted. */
  body?: unknown
  headers?: Record<string, string>
}

/**
 * Deterministic fault injection: each call queues a fault that hits the next `times` matching requests,
 * in the order faults were added. A request gets at most one delay and then at most one terminal fault
 * (network error or canned response); a request without a terminal fault reaches the server.
 *
 * @example
 * ```ts
 * plinto.faults.networkError({ path: '/auth/refresh' })
 * plinto.faults.respond({
 *   path: '/auth/me',
 *   status: 503,
 *   body: { detail: 'down', error_code: 'INTERNAL_ERROR' },
 *   times: 2,
 * })
 * plinto.faults.delay({ path: '/auth/signin', ms: 5_000 }) // with fake timers, advance to let it through
 * ```
 */
export interface Faults {
  /** The next matching request fails at the network level (`fetch` rejects with a TypeError). */
  networkError(target: FaultTarget): void
  /** The next matching request is held for `ms` (MSW's `delay`, so fake timers control it), then proceeds. */
  delay(target: FaultTarget & { ms: number }): void
  /** The next matching request gets this response instead of reaching the server. */
  respond(fault: RespondFault): void
  /** Removes every pending fault. */
  clear(): void
}

/** A fault picked for one request. */
export type TerminalFault =
  | { kind: 'networkError' }
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }

interface PendingFault {
  kind: 'networkError' | 'delay' | 'respond'
  target: FaultTarget
  remaining: number
  ms?: number
  response?: { status: number; body?: unknown; headers?: Record<string, string> }
}

/** The fault registry plus the lookup the handler uses. */
export interface FaultRegistry extends Faults {
  /** Consumes and returns the faults for a request (`paths`: the relative and the full path). */
  take(method: string, paths: readonly string[]): { delayMs: number | undefined; terminal: TerminalFault | undefined }
}

/**
 * Creates an empty fault registry.
 *
 * @example
 * ```ts
 * const faults = createFaults()
 * faults.networkError({ path: '/auth/refresh', times: 2 })
 * ```
 */
export function createFaults(): FaultRegistry {
  let pending: PendingFault[] = []
  const add = (fault: PendingFault) => {
    const times = fault.target.times ?? 1
    if (!(times > 0)) throw new TypeError(`times must be positive, got ${String(times)}`)
    pending.push({ ...fault, remaining: times })
  }
  const matches = (fault: PendingFault, method: string, paths: readonly string[]) => {
    if (fault.remaining <= 0) return false
    if (fault.target.method && fault.target.method.toUpperCase() !== method.toUpperCase()) return false
    const { path } = fault.target
    return paths.some((p) => (typeof path === 'string' ? p === path : path.test(p)))
  }
  const consume = (kinds: PendingFault['kind'][], method: string, paths: readonly string[]) => {
    const fault = pending.find((f) => kinds.includes(f.kind) && matches(f, method, paths))
    if (fault) fault.remaining--
    pending = pending.filter((f) => f.remaining > 0)
    return fault
  }
  return {
    networkError: (target) => add({ kind: 'networkError', target, remaining: 0 }),
    delay: ({ ms, ...target }) => {
      if (!(ms >= 0)) throw new TypeError(`ms must be non-negative, got ${String(ms)}`)
      add({ kind: 'delay', target, remaining: 0, ms })
    },
    respond: ({ status, body, headers, ...target }) =>
      add({ kind: 'respond', target, remaining: 0, response: { status, body, headers } }),
    clear() {
      pending = []
    },
    take(method, paths) {
      const delayed = consume(['delay'], method, paths)
      const terminal = consume(['networkError', 'respond'], method, paths)
      return {
        delayMs: delayed?.ms,
        terminal:
          terminal === undefined
            ? undefined
            : terminal.kind === 'respond' && terminal.response
              ? { kind: 'respond', ...terminal.response }
              : { kind: 'networkError' },
      }
    },
  }
}
