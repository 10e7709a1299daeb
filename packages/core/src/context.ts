import type { ResolvedConfig } from './config'
import type { Log } from './debug'
import type { Emitter } from './events'
import type { Http } from './http'
import type { Store } from './store'
import type { TokenManager } from './tokens/token-manager'

/**
 * What every module factory receives. Modules (auth now; users, sessions, organizations, mfa, passkeys
 * later) are `createXModule(context)` functions over this, so each is testable alone and tree-shakes.
 *
 * @example
 * ```ts
 * export const createSessionsModule = ({ http }: PlintoContext) => ({
 *   listSessions: () => http.request('sessions', { schema: SessionListSchema }),
 * })
 * ```
 */
export interface PlintoContext {
  config: ResolvedConfig
  http: Http
  tokens: TokenManager
  store: Store
  events: Emitter
  log: Log
}
