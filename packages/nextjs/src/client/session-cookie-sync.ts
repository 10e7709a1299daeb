import type { PlintoClient } from '@plinto/typescript-sdk'
import { viewOfToken } from '../session-view'

/**
 * Keeps the app's `plinto_session` cookie in step with the browser's Plinto session.
 *
 * @example
 * ```tsx
 * const sync = useSessionSync()
 * await sync?.settled() // every cookie update asked for so far has finished
 * ```
 */
export interface SessionSync {
  /**
   * Resolves once every cookie update asked for so far has finished: `true` when the last one succeeded.
   * Wait for it before navigating to a server-rendered page after signing in or out.
   */
  settled(): Promise<boolean>
  /** Sends the current access token to the app again (e.g. after the server found no valid cookie). */
  resync(): Promise<boolean>
  /** Stops listening to the client. */
  stop(): void
}

export interface SessionSyncOptions {
  /** The session route (`sessionRoute()`'s handlers), e.g. `/api/session`. */
  route: string
  /** What the server rendered the page for (`viewOfClaims` of its cookie's token), `null` when signed out. */
  serverView: string | null
  /** Called when the server's view changes (another user, session or organization role), to re-render. */
  onServerViewChange?: () => void
}

/**
 * Copies the access token into the app's HttpOnly cookie through `POST {route}` whenever the client gets a new
 * one (`signedIn`, `tokenRefreshed`, `organizationChanged`) and removes it with `DELETE {route}` on `signedOut`
 * (which also follows every `sessionExpired`). Also syncs once at start, because the client may restore or
 * refresh its session before this code subscribes.
 *
 * Updates run one after another, in the order of the events: a sign-out's DELETE can never be overtaken by an
 * earlier refresh's POST that would put the cookie back. Failures (network, a token the server refused) are
 * reported as `false`, never thrown: the browser session is unaffected.
 */
export function startSessionSync(client: PlintoClient, options: SessionSyncOptions): SessionSync {
  let serverView = options.serverView
  let stopped = false
  let queue: Promise<boolean> = Promise.resolve(true)

  const update = (view: string | null, request: () => Promise<Response>) => async () => {
    try {
      const response = await request()
      if (!response.ok) return false
      if (view !== serverView) {
        serverView = view
        if (!stopped) options.onServerViewChange?.()
      }
      return true
    } catch {
      return false
    }
  }
  const enqueue = (task: () => Promise<boolean>) => {
    queue = queue.then(task)
    return queue
  }

  // True while a push reads the token. getAccessToken() refreshes a token that is about to expire first; the
  // `tokenRefreshed` of that refresh needs no push of its own: the push in progress sends the new token.
  let readingToken = false
  const remove = update(null, () => fetch(options.route, { method: 'DELETE' }))
  const push = async () => {
    let token: string | null
    readingToken = true
    try {
      token = await client.getAccessToken()
    } catch {
      return false // the refresh failed (offline?): the session may well be alive, leave the cookie as it is
    } finally {
      readingToken = false
    }
    if (token === null) return serverView !== null ? remove() : true
    return update(viewOfToken(token), () =>
      fetch(options.route, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: token }),
      }),
    )()
  }

  const unsubscribe = [
    client.on('signedIn', () => void enqueue(push)),
    client.on('tokenRefreshed', () => {
      if (!readingToken) void enqueue(push)
    }),
    client.on('organizationChanged', () => void enqueue(push)),
    client.on('signedOut', () => void enqueue(remove)),
  ]
  void client.ready().then(() => {
    if (stopped) return
    if (client.getSnapshot().status === 'signed_in') void enqueue(push)
    else if (serverView !== null) void enqueue(remove)
  })

  return {
    settled: () => queue,
    resync: () => enqueue(push),
    stop() {
      stopped = true
      for (const off of unsubscribe) off()
    },
  }
}
