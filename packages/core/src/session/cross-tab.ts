import { createCrossTabLock } from './cross-tab-lock'
import { isDue } from './expiry'
import { decodeSession, encodeSession, type SessionData } from './persisted-record'
import type { SessionManagerDeps } from './session-manager'
import { assertEpoch, type SessionState } from './session-state'
import { createTabChannel, type TabMessage } from './tab-channel'

/** What a refresh request brought: the wire tokens, and the session made of them. */
export interface Exchanged<T> {
  tokens: T
  next: SessionData
}

/** How the tabs sharing one session agree on it: the channel, the refresh lock, and taking up each other's news. */
export interface CrossTab {
  publish(message: TabMessage): void
  /**
   * Runs one refresh so that tabs sharing the session refresh one at a time: returns the session another
   * tab already got (nothing sent), or what `exchange(from)` got, saved and told to the other tabs.
   */
  exclusive<T>(
    startEpoch: number,
    sent: SessionData | null,
    exchange: (from: SessionData | null) => Promise<Exchanged<T>>,
    /** Always exchange, from the newest tokens (an organization switch): another tab's refresh does not do. */
    always?: boolean,
  ): Promise<SessionData | Exchanged<T>>
  /** Another tab's news (its message, or the shared storage): newer tokens, another sign-in, a sign-out. */
  adopt(message: TabMessage): void
  close(): void
  /** Whether refreshes run under a lock shared by the tabs (Web Locks with tab sync). */
  locked: boolean
}

/**
 * Creates the cross-tab coordination of one client. Without tab sync it shares nothing and locks nothing:
 * unrelated clients of one process, or of per-tab storage, never wait for each other.
 */
export function createCrossTab({ config, storage, tabSync }: SessionManagerDeps, state: SessionState): CrossTab {
  const { key, type } = config.storage
  const cookie = type === 'cookie'
  const channel = tabSync ? createTabChannel(key, storage.webStorage, adopt) : null
  // biome-ignore lint/style/useTemplate: esbuild keeps a template literal, 2 bytes longer than the concatenation (main-chunk budget)
  const lock = channel ? createCrossTabLock('plinto:refresh:' + key, config.timeout) : undefined

  // After dispose() the channel is closed; a refresh still in flight may take up a session, which then
  // changes nothing anyone sees (no listeners, no timer, nothing written).
  function adopt(incoming: TabMessage) {
    if (!incoming) return void state.transition(null, { reason: 'other_tab' })
    const previous = state.session
    // Older tokens of this account than ours: news that crossed ours on the way. The same tokens may
    // still bring a new active organization or user data.
    if (previous?.user.id === incoming.user.id && incoming.expiresAt < previous.expiresAt) return
    void state.transition(cookie ? { ...incoming, refreshToken: undefined } : incoming, 'adopt')
  }

  /**
   * The stored record when another tab (sharing this storage) has already rotated our tokens and we missed
   * its message (a frozen tab, no BroadcastChannel), or did so while we waited for the refresh lock.
   * Presenting our rotated refresh token after the server's grace window would be reuse and revoke the
   * whole session; the stored pair is the live one.
   */
  async function newerStored(current: SessionData | null): Promise<SessionData | null> {
    if (cookie || !current) return null
    const stored = await decodeSession(await storage.read())
    return stored &&
      stored.user.id === current.user.id &&
      stored.accessToken !== current.accessToken &&
      stored.expiresAt >= current.expiresAt
      ? stored
      : null
  }

  const publish = (message: TabMessage) => {
    if (!state.disposed) channel?.publish(message)
  }

  return {
    publish,
    adopt,
    // Inside the lock: only storage and the network. A tab that waited first looks for the tokens the
    // holder got (taken up from its message, or in the shared storage) and uses them; otherwise it
    // refreshes, then saves and tells the other tabs before letting go, so the next one finds them.
    // In-memory state, subscribers and events come after, in the caller.
    exclusive: (startEpoch, sent, exchange, always) =>
      (lock ?? ((work) => work()))(async () => {
        // The previous holder's news (its message; in storage modes also the shared storage) has arrived:
        // the lock stays held a moment after each refresh for that (LOCK_SETTLE_MS).
        assertEpoch(state, startEpoch)
        // A switch is always sent. Another tab's newer tokens it presents are in the shared storage (below); in
        // cookie mode the browser sends the newest cookie.
        if (!always && state.session && state.session.accessToken !== sent?.accessToken) return state.session
        // Newer tokens than ours in the shared storage: another tab refreshed (before or while we waited).
        // Take them up unless they are due for a refresh themselves, judged by their own life, so two tabs
        // that waited for the lock never present the same refresh token. If they are due, refresh from
        // them (ours is spent): taken up silently, the refresh that follows announces its result.
        const stored = await newerStored(sent)
        if (stored && !always && !isDue(stored.accessToken, stored.expiresAt, config.refreshThreshold)) return stored
        if (stored) state.session = stored
        const result = await exchange(stored ?? sent)
        // Cookie mode keeps nothing in JS-visible storage: the other tabs learn of it from the message alone.
        if (!cookie) await storage.write(encodeSession(result.next))
        if (state.epoch === startEpoch) publish(result.next)
        return result
      }),
    close: () => channel?.close(),
    locked: !!lock,
  }
}
