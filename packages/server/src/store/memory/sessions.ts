// In-memory repositories of sessions: sessions, their refresh tokens, and the signing keys.
import type { RefreshTokenRepository, SessionRecord, SessionRepository, SigningKeyRepository } from '../types'
import type { MemoryContext, StoreState } from './state'

export function memorySessions({ state, copy, mutate }: MemoryContext): SessionRepository {
  // Refresh tokens of an ended session stay until they expire (so presenting one answers SESSION_REVOKED
  // rather than "unknown"), but any sealed successor pair is wiped at once.
  const revokeSession = (session: SessionRecord, reason: SessionRecord['revoked_reason'], nowMs: number) => {
    session.revoked_at = nowMs
    session.revoked_reason = reason
    for (const token of Object.values(state.refreshTokens)) {
      if (token.session_id === session.id) token.successor_box = null
    }
  }

  return {
    create: (session) =>
      mutate(() => {
        state.sessions[session.id] = copy(session)
      }),
    get: async (id) => copy(state.sessions[id]),
    listByUser: async (userId) => copy(Object.values(state.sessions).filter((s) => s.user_id === userId)),
    update: (id, patch) =>
      mutate(() => {
        const current = state.sessions[id]
        if (!current) return undefined
        Object.assign(current, copy(patch))
        return copy(current)
      }),
    revoke: (id, reason, nowMs) =>
      mutate(() => {
        const session = state.sessions[id]
        if (!session || session.revoked_at !== null) return false
        revokeSession(session, reason, nowMs)
        return true
      }),
    revokeByUser: (userId, reason, nowMs, exceptSessionId) =>
      mutate(() => {
        let count = 0
        for (const session of Object.values(state.sessions)) {
          if (session.user_id !== userId || session.id === exceptSessionId || session.revoked_at !== null) continue
          revokeSession(session, reason, nowMs)
          count++
        }
        return count
      }),
  }
}

export function memoryRefreshTokens({ state, copy, mutate, sweep }: MemoryContext): RefreshTokenRepository {
  return {
    create: (token) =>
      mutate(() => {
        state.refreshTokens[token.token_hash] = copy(token)
      }),
    getByHash: async (hash) => copy(state.refreshTokens[hash]),
    markRotated: (hash, nowMs, successorBox) =>
      mutate(() => {
        const token = state.refreshTokens[hash]
        if (!token || token.rotated_at !== null) return false
        token.rotated_at = nowMs
        token.successor_box = successorBox
        return true
      }),
    wipeSuccessors: (rotatedBeforeMs) =>
      sweep(() => {
        let changed = false
        for (const token of Object.values(state.refreshTokens)) {
          if (token.successor_box !== null && token.rotated_at !== null && token.rotated_at <= rotatedBeforeMs) {
            token.successor_box = null
            changed = true
          }
        }
        return changed
      }),
    deleteExpired: (nowMs) =>
      sweep(() => {
        let changed = false
        for (const [hash, token] of Object.entries(state.refreshTokens)) {
          if (token.expires_at <= nowMs) {
            delete state.refreshTokens[hash]
            changed = true
          }
        }
        return changed
      }),
  }
}

export function memorySigningKeys({ state, copy, mutate, sweep }: MemoryContext): SigningKeyRepository {
  return {
    list: async () => copy(state.signingKeys),
    add: (key) =>
      mutate(() => {
        state.signingKeys.unshift(copy(key))
      }),
    // Checked and added in one synchronous step (no await in between), so concurrent callers cannot interleave;
    // persisted only when it added the key.
    addIfNone: async (key) => {
      await sweep(() => {
        if (state.signingKeys.length > 0) return false
        state.signingKeys.unshift(copy(key))
        return true
      })
      return copy(state.signingKeys)
    },
  }
}

/** Deletes every refresh token of a session (when the session itself goes). */
export function deleteRefreshTokensOfSession(state: StoreState, sessionId: string): void {
  for (const [hash, token] of Object.entries(state.refreshTokens)) {
    if (token.session_id === sessionId) delete state.refreshTokens[hash]
  }
}
