import type { PlintoClient } from '@plinto/typescript-sdk'

/** Keeps the app's `plinto_session` cookie in step with the browser's Plinto session. */
export interface SessionCookieSync {
  /**
   * Resolves once every cookie update asked for so far has finished: `true` when the last one succeeded.
   * Wait for it before navigating to a server-rendered page after signing in or out.
   */
  settled(): Promise<boolean>
  /** Sends the current access token to the app again (e.g. after the server found no valid cookie). */
  resync(): Promise<boolean>
  stop(): void
}

export interface SessionCookieSyncOptions {
  /** Whether the request that rendered the page carried a session cookie. */
  serverHasCookie: boolean
  /** Called when the server's view flips (cookie set or removed), to re-render server components. */
  onServerSessionChange?: () => void
}

/**
 * Copies the access token into the app's HttpOnly cookie through `POST /api/session` whenever the client
 * gets a new one (`signedIn`, `tokenRefreshed`) and removes it with `DELETE /api/session` on `signedOut`
 * (which also follows every `sessionExpired`). Also syncs once at start, because the client may restore or
 * refresh its session before this code subscribes.
 *
 * Updates run one after another, in the order of the events: a sign-out's DELETE can never be overtaken
 * by an earlier refresh's POST that would put the cookie back. Failures (network, a token the server
 * refused) are reported as `false`, never thrown: the browser session is unaffected.
 */
export function startSessionCookieSync(client: PlintoClient, options: SessionCookieSyncOptions): SessionCookieSync {
  let serverHasCookie = options.serverHasCookie
  let stopped = false
  let queue: Promise<boolean> = Promise.resolve(true)

  const update = (hasCookie: boolean, request: () => Promise<Response>) => async () => {
    try {
      const response = await request()
      if (!response.ok) return false
      if (hasCookie !== serverHasCookie) {
        serverHasCookie = hasCookie
        if (!stopped) options.onServerSessionChange?.()
      }
      return true
    } catch {
      return false
    }
  }
  const enqueue = (task: () => Promise<boolean>) => (queue = queue.then(task))

  // True while a push reads the token. getAccessToken() refreshes a token that is about to expire first;
  // the `tokenRefreshed` of that refresh needs no push of its own: the push in progress sends the new token.
  let readingToken = false
  const remove = update(false, () => fetch('/api/session', { method: 'DELETE' }))
  const push = async () => {
    // The current token (refreshed first if it is about to expire); null once signed out.
    let token: string | null
    readingToken = true
    try {
      token = await client.getAccessToken()
    } catch {
      return false // the refresh failed (offline?): the session may well be alive, leave the cookie as it is
    } finally {
      readingToken = false
    }
    if (token === null) return serverHasCookie ? remove() : true
    return update(true, () =>
      fetch('/api/session', {
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
    client.on('signedOut', () => void enqueue(remove)),
  ]
  void client.ready().then(() => {
    if (stopped) return
    if (client.getSnapshot().status === 'signed_in') void enqueue(push)
    else if (serverHasCookie) void enqueue(remove)
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
