import { decodeSession, encodeSession, type SessionData } from './persisted-record'

/** What one tab tells the others: its new session, or `null` for a sign-out. */
export type TabMessage = SessionData | null

/** The channel one client shares with the other tabs (and clients of this JS realm) of one storage key. */
export interface TabChannel {
  publish(message: TabMessage): void
  close(): void
}

type WireMessage = { v: 1; type: 'session'; session: string } | { v: 1; type: 'signed_out' }

/**
 * Tells other tabs (and other clients in this JS realm) about new tokens and sign-outs, on a
 * BroadcastChannel named after the storage key. Where there is no BroadcastChannel, `storage` events of
 * the shared Web Storage carry the same news. Messages are validated like stored sessions: another
 * script on the origin could post anything.
 */
export function createTabChannel(
  key: string,
  webStorage: Storage | null,
  onMessage: (message: TabMessage) => void,
): TabChannel {
  // Decoding a session waits for the validation chunk (../validation); a sign-out does not. Messages are
  // delivered one after the other, in the order they arrived, so a sign-out never overtakes the session
  // posted before it. A malformed session, or one the chunk could not be downloaded for, is dropped (the
  // stored record, read again before every refresh in ./cross-tab, still has the other tab's tokens).
  let queue: Promise<void> = Promise.resolve()
  const deliver = (next: Promise<TabMessage | undefined>) => {
    queue = queue
      .then(() => next)
      .then((message) => {
        if (message !== undefined) onMessage(message)
      })
  }
  const receive = (encoded: unknown) =>
    deliver(
      decodeSession(encoded).then(
        (session) => session ?? undefined,
        () => undefined,
      ),
    )

  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(key)
    channel.onmessage = ({ data }: MessageEvent<Partial<WireMessage> | null>) => {
      if (data?.v !== 1) return
      if (data.type === 'signed_out') deliver(Promise.resolve(null))
      else if (data.type === 'session') receive(data.session)
    }
    // Node: a channel must not keep the process alive (SSR, scripts, tests).
    ;(channel as { unref?: () => void }).unref?.()
    return {
      publish(session) {
        channel.postMessage({
          v: 1,
          type: session ? 'session' : 'signed_out',
          session: session && encodeSession(session),
        })
      },
      close: () => channel.close(),
    }
  }

  const target = globalThis as {
    addEventListener?: typeof addEventListener
    removeEventListener?: typeof removeEventListener
  }
  if (!webStorage || typeof target.addEventListener !== 'function') return { publish() {}, close() {} }
  // The writing tab already stored the value; other tabs get a `storage` event for it.
  const listener = (event: Event) => {
    const { key: changed, newValue, storageArea } = event as StorageEvent
    if (changed !== key || storageArea !== webStorage) return
    if (newValue === null) deliver(Promise.resolve(null))
    else receive(newValue)
  }
  target.addEventListener('storage', listener)
  return { publish() {}, close: () => target.removeEventListener?.('storage', listener) }
}
