import type { ResolvedConfig } from './config'
import type { Log } from './debug'
import type { Emitter } from './events'
import type { Http } from './http'
import type { SessionManager } from './session/session-manager'
import type { Store } from './store'

/**
 * What every module factory receives (`createXModule(context)`), so each module is testable alone and
 * tree-shakes. Internal: not exported from the package (`PlintoContext`, its old public name, is a
 * deprecated alias in ./index).
 */
export interface ModuleContext {
  config: ResolvedConfig
  http: Http
  session: SessionManager
  store: Store
  events: Emitter
  log: Log
}
