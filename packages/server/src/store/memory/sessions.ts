// In-memory repositories of sessions: sessions, their refresh tokens, and the signing keys.
import type { RefreshTokenRepository, SessionRecord, SessionRepository, SigningKeyRepository } from '../types'
import {
  indexRefreshToken,
  indexSession,
  indexed,
  members,
  removeFrom,
  type StoreIndexes,
  unindexRefreshToken,
  unindexSession,
} from './indexes'
import type { MemoryContext, StoreState } from './state'

export function memorySessions({ state, indexes, copy, mutate }: MemoryContext): SessionRepository {
  // Refresh tokens of an ended session stay until they expire (so presenting one answers SESSION_REVOKED
  // rather than "unknown"), but any sealed successor pair is wiped at once.
  const revokeSession = (session: SessionRecord, reason: SessionRecord['revoked_reason'], nowMs: number) => {
    session.revoked_at = nowMs
    session.revoked_reason = reason
    for (const hash of members(indexes.refreshTokensBySession, session.id)) {
      indexed(state.refreshTokens, hash).successor_box = null
      indexes.refreshTokensWithSuccessor.delete(hash)
    }
  }

  const sessionsOf = (userId: string) =>
    members(indexes.sessionsByUser, userId).map((id) => indexed(state.sessions, id))

  return {
    create: (session) =>
      mutate(() => {
        const previous = state.sessions[session.id]
        if (previous) unindexSession(indexes, previous)
        state.sessions[session.id] = copy(session)
        indexSession(indexes, session)
      }),
    get: async (id) => copy(state.sessions[id]),
    listByUser: async (userId) => copy(sessionsOf(userId)),
    update: (id, patch) =>
      mutate(() => {
        const current = state.sessions[id]
        if (!current) return undefined
        const userId = current.user_id
        Object.assign(current, copy(patch))
        // Re-indexed only when it moved to another user: updating keeps its place in the user's list.
        if (current.user_id !== userId) {
          removeFrom(indexes.sessionsByUser, userId, current.id)
          indexSession(indexes, current)
        }
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
        for (const session of sessionsOf(userId)) {
          if (session.id === exceptSessionId || session.revoked_at !== null) continue
          revokeSession(session, reason, nowMs)
          count++
        }
        return count
      }),
  }
}

export function memoryRefreshTokens({ state, indexes, copy, mutate, sweep }: MemoryContext): RefreshTokenRepository {
  return {
    create: (token) =>
      mutate(() => {
        const previous = state.refreshTokens[token.token_hash]
        if (previous) unindexRefreshToken(indexes, previous)
        state.refreshTokens[token.token_hash] = copy(token)
        indexRefreshToken(indexes, token)
      }),
    getByHash: async (hash) => copy(state.refreshTokens[hash]),
    markRotated: (hash, nowMs, successorBox) =>
      mutate(() => {
        const token = state.refreshTokens[hash]
        if (!token || token.rotated_at !== null) return false
        token.rotated_at = nowMs
        token.successor_box = successorBox
        if (successorBox !== null) indexes.refreshTokensWithSuccessor.add(hash)
        return true
      }),
    // Only the tokens still holding a successor (rotated within the grace window) are looked at.
    wipeSuccessors: (rotatedBeforeMs) =>
      sweep(() => {
        let changed = false
        for (const hash of [...indexes.refreshTokensWithSuccessor]) {
          const token = indexed(state.refreshTokens, hash)
          if (token.rotated_at !== null && token.rotated_at <= rotatedBeforeMs) {
            token.successor_box = null
            indexes.refreshTokensWithSuccessor.delete(hash)
            changed = true
          }
        }
        return changed
      }),
    // Only the tokens that have expired are looked at (earliest first, from the expiry heap).
    deleteExpired: (nowMs) =>
      sweep(() => {
        let changed = false
        for (const [, hash] of indexes.refreshTokenExpiry.popUntil(nowMs)) {
          const token = state.refreshTokens[hash]
          // An entry of a token deleted since (or replaced by a later-expiring one under the same hash) is stale.
          if (!token || token.expires_at > nowMs) continue
          unindexRefreshToken(indexes, token)
          delete state.refreshTokens[hash]
          changed = true
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
export function deleteRefreshTokensOfSession(state: StoreState, indexes: StoreIndexes, sessionId: string): void {
  for (const hash of members(indexes.refreshTokensBySession, sessionId)) {
    unindexRefreshToken(indexes, indexed(state.refreshTokens, hash))
    delete state.refreshTokens[hash]
  }
}
