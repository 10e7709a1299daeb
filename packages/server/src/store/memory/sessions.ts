// In-memory repositories of sessions: sessions, their refresh tokens, and the signing keys.
import type {
  RefreshTokenRecord,
  RefreshTokenRepository,
  SessionRecord,
  SessionRepository,
  SigningKeyRepository,
} from '../types'
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

/** Runs a sweep that counts what it removed; persists only when it removed something. */
async function counted(sweep: MemoryContext['sweep'], change: () => number): Promise<number> {
  let count = 0
  await sweep(() => {
    count = change()
    return count > 0
  })
  return count
}

/** Stores a refresh token record (replacing one with the same hash) and indexes it. */
function putRefreshToken({ state, indexes, copy }: MemoryContext, token: RefreshTokenRecord): void {
  const previous = state.refreshTokens[token.token_hash]
  if (previous) unindexRefreshToken(indexes, previous)
  state.refreshTokens[token.token_hash] = copy(token)
  indexRefreshToken(indexes, token)
  // A token stored for an ended session (a rotation racing the revocation) is the sweep's to delete too.
  if (state.sessions[token.session_id]?.revoked_at != null) indexes.endedSessions.add(token.session_id)
}

/** Moves a session's expiry. Later expiries need no new heap entry: the sweep re-queues an entry it finds stale. */
function setSessionExpiry(indexes: StoreIndexes, session: SessionRecord, expiresAt: number): void {
  if (expiresAt < session.expires_at) indexes.sessionExpiry.push(expiresAt, session.id)
  session.expires_at = expiresAt
}

export function memorySessions(context: MemoryContext): SessionRepository {
  const { state, indexes, copy, mutate, sweep } = context
  // Refresh tokens of an ended session stay until the sweep (so presenting one answers SESSION_REVOKED
  // rather than "unknown"), but any sealed successor pair is wiped at once.
  const revokeSession = (session: SessionRecord, reason: SessionRecord['revoked_reason'], nowMs: number) => {
    session.revoked_at = nowMs
    session.revoked_reason = reason
    indexes.endedSessions.add(session.id)
    for (const hash of members(indexes.refreshTokensBySession, session.id)) {
      indexed(state.refreshTokens, hash).successor_box = null
      indexes.refreshTokensWithSuccessor.delete(hash)
    }
  }

  const putSession = (session: SessionRecord) => {
    const previous = state.sessions[session.id]
    if (previous) unindexSession(indexes, previous)
    state.sessions[session.id] = copy(session)
    indexSession(indexes, session)
  }

  const sessionsOf = (userId: string) =>
    members(indexes.sessionsByUser, userId).map((id) => indexed(state.sessions, id))

  return {
    create: (session) => mutate(() => putSession(session)),
    get: async (id) => copy(state.sessions[id]),
    start: (session, firstToken) =>
      mutate(() => {
        const user = state.users[session.user_id]
        if (!user) return undefined
        putSession(session)
        putRefreshToken(context, firstToken)
        // Only last_sign_in_at changes: no indexed field moves.
        user.last_sign_in_at = session.created_at
        return copy(user)
      }),
    getByRefreshFamily: async (familyHash) => {
      const id = indexes.sessionByRefreshFamily.get(familyHash)
      return id === undefined ? undefined : copy(state.sessions[id])
    },
    authenticate: async (id) => {
      const session = state.sessions[id]
      const user = session && state.users[session.user_id]
      return session && user ? { session: copy(session), user: copy(user) } : undefined
    },
    // Only the sessions that have expired are looked at (earliest first, from the expiry heap).
    deleteExpired: (nowMs) =>
      counted(sweep, () => {
        let count = 0
        for (const [, id] of indexes.sessionExpiry.popUntil(nowMs)) {
          const session = state.sessions[id]
          if (!session) continue
          // A rotation moved its expiry since this entry was queued: queue it again at the current one.
          if (session.expires_at > nowMs) {
            indexes.sessionExpiry.push(session.expires_at, id)
            continue
          }
          deleteRefreshTokensOfSession(state, indexes, id)
          unindexSession(indexes, session)
          delete state.sessions[id]
          count++
        }
        return count
      }),
    listByUser: async (userId) => copy(sessionsOf(userId)),
    update: (id, patch) =>
      mutate(() => {
        const current = state.sessions[id]
        if (!current) return undefined
        const userId = current.user_id
        if (patch.refresh_family_hash !== undefined && current.refresh_family_hash) {
          indexes.sessionByRefreshFamily.delete(current.refresh_family_hash)
        }
        const { expires_at: expiresAt, ...rest } = copy(patch)
        Object.assign(current, rest)
        if (expiresAt !== undefined) setSessionExpiry(indexes, current, expiresAt)
        if (current.revoked_at !== null) indexes.endedSessions.add(current.id)
        if (current.refresh_family_hash) indexes.sessionByRefreshFamily.set(current.refresh_family_hash, current.id)
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

export function memoryRefreshTokens(context: MemoryContext): RefreshTokenRepository {
  const { state, indexes, copy, mutate, sweep } = context
  // Claims a token for rotation: false if it is unknown or was rotated already.
  const claim = (hash: string, nowMs: number, successorBox: string) => {
    const token = state.refreshTokens[hash]
    if (!token || token.rotated_at !== null) return undefined
    token.rotated_at = nowMs
    token.successor_box = successorBox
    if (successorBox !== null) indexes.refreshTokensWithSuccessor.add(hash)
    indexes.refreshTokenRotation.push(nowMs, hash)
    return token
  }
  const deleteToken = (token: RefreshTokenRecord) => {
    unindexRefreshToken(indexes, token)
    delete state.refreshTokens[token.token_hash]
  }
  return {
    create: (token) => mutate(() => putRefreshToken(context, token)),
    getByHash: async (hash) => copy(state.refreshTokens[hash]),
    getWithSession: async (hash) => {
      const token = state.refreshTokens[hash]
      return token && { token: copy(token), session: copy(state.sessions[token.session_id]) }
    },
    markRotated: (hash, nowMs, successorBox) => mutate(() => claim(hash, nowMs, successorBox) !== undefined),
    rotate: (hash, rotation) =>
      mutate(() => {
        const token = claim(hash, rotation.rotatedAt, rotation.successorBox)
        if (!token) return false
        putRefreshToken(context, rotation.successor)
        // Only this session's tokens are looked at, and of those only the ones still holding a successor.
        for (const other of indexes.refreshTokensBySession.get(token.session_id) ?? []) {
          if (other === hash || !indexes.refreshTokensWithSuccessor.has(other)) continue
          const record = indexed(state.refreshTokens, other)
          if (record.rotated_at !== null && record.rotated_at <= rotation.wipeSuccessorsRotatedBefore) {
            record.successor_box = null
            indexes.refreshTokensWithSuccessor.delete(other)
          }
        }
        const session = state.sessions[token.session_id]
        if (session) {
          session.last_active_at = rotation.session.last_active_at
          session.active_organization_id = rotation.session.active_organization_id
          setSessionExpiry(indexes, session, rotation.session.expires_at)
        }
        return true
      }),
    // Only rotated tokens past the boundary (from the rotation heap) and ended sessions are looked at.
    deleteSettled: (rotatedBeforeMs) =>
      counted(sweep, () => {
        let count = 0
        const marked = (sessionId: string) => Boolean(state.sessions[sessionId]?.refresh_family_hash)
        for (const [, hash] of indexes.refreshTokenRotation.popUntil(rotatedBeforeMs - 1)) {
          const token = state.refreshTokens[hash]
          // Tokens of unmarked sessions leave the heap and stay until they expire.
          if (!token || token.rotated_at === null || !marked(token.session_id)) continue
          deleteToken(token)
          count++
        }
        for (const id of [...indexes.endedSessions]) {
          indexes.endedSessions.delete(id)
          if (!marked(id)) continue
          for (const hash of members(indexes.refreshTokensBySession, id)) {
            deleteToken(indexed(state.refreshTokens, hash))
            count++
          }
        }
        return count
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
      counted(sweep, () => {
        let count = 0
        for (const [, hash] of indexes.refreshTokenExpiry.popUntil(nowMs)) {
          const token = state.refreshTokens[hash]
          // An entry of a token deleted since (or replaced by a later-expiring one under the same hash) is stale.
          if (!token || token.expires_at > nowMs) continue
          deleteToken(token)
          count++
        }
        return count
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
