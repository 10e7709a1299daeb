import type { SigningKeyRecord } from '../crypto/signing-keys'
import {
  UniqueConstraintError,
  type EmailTokenRecord,
  type PlintoStore,
  type RefreshTokenRecord,
  type SessionRecord,
  type UserRecord,
} from './types'

/** The whole state of a store as plain JSON-serialisable data; the file store writes exactly this. */
export interface StoreState {
  version: 1
  users: Record<string, UserRecord>
  sessions: Record<string, SessionRecord>
  refreshTokens: Record<string, RefreshTokenRecord>
  emailTokens: Record<string, EmailTokenRecord>
  signingKeys: SigningKeyRecord[]
}

/** An empty {@link StoreState}. */
export function emptyState(): StoreState {
  return { version: 1, users: {}, sessions: {}, refreshTokens: {}, emailTokens: {}, signingKeys: [] }
}

/**
 * An in-memory store: the default of `createPlintoApp`, and what `@plinto/testing` uses. Nothing survives
 * the process; use {@link createFileStore} for that.
 *
 * @example
 * ```ts
 * const store = createMemoryStore()
 * const app = createPlintoApp({ store })
 * ```
 */
export function createMemoryStore(): PlintoStore {
  return createStateStore(emptyState(), () => Promise.resolve())
}

/**
 * A store over a {@link StoreState}. Each operation runs to completion without awaiting in the middle, so
 * on one event loop every operation is atomic (`markRotated` and `consume` rely on it). `persist` is
 * called after every mutation and awaited before the operation resolves: the file store makes each
 * accepted write durable that way.
 */
export function createStateStore(state: StoreState, persist: () => Promise<void>, close: () => Promise<void> = persist): PlintoStore {
  // Records are copied in and out so callers can never mutate stored state by accident.
  const copy = <T>(value: T): T => structuredClone(value)
  const mutate = async <T>(change: () => T): Promise<T> => {
    const result = change()
    await persist()
    return result
  }
  // For sweeps that usually find nothing to do: write only when something changed.
  const sweep = async (change: () => boolean): Promise<void> => {
    if (change()) await persist()
  }

  const assertUnique = (user: UserRecord) => {
    for (const other of Object.values(state.users)) {
      if (other.id === user.id) continue
      if (other.email_normalized === user.email_normalized) throw new UniqueConstraintError('email')
      if (user.username_normalized !== null && other.username_normalized === user.username_normalized) {
        throw new UniqueConstraintError('username')
      }
    }
  }

  const deleteRefreshTokensOfSession = (sessionId: string) => {
    for (const [hash, token] of Object.entries(state.refreshTokens)) {
      if (token.session_id === sessionId) delete state.refreshTokens[hash]
    }
  }

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
    users: {
      create: (user) =>
        mutate(() => {
          assertUnique(user)
          state.users[user.id] = copy(user)
        }),
      get: async (id) => copy(state.users[id]),
      getByEmail: async (email) => copy(Object.values(state.users).find((u) => u.email_normalized === email)),
      getByUsername: async (username) => copy(Object.values(state.users).find((u) => u.username_normalized === username)),
      update: (id, patch) =>
        mutate(() => {
          const current = state.users[id]
          if (!current) return undefined
          const next = { ...current, ...copy(patch), id }
          assertUnique(next)
          state.users[id] = next
          return copy(next)
        }),
      delete: (id) =>
        mutate(() => {
          if (!state.users[id]) return false
          delete state.users[id]
          for (const session of Object.values(state.sessions)) {
            if (session.user_id === id) {
              deleteRefreshTokensOfSession(session.id)
              delete state.sessions[session.id]
            }
          }
          for (const [hash, token] of Object.entries(state.emailTokens)) {
            if (token.user_id === id) delete state.emailTokens[hash]
          }
          return true
        }),
    },
    sessions: {
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
    },
    refreshTokens: {
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
    },
    emailTokens: {
      create: (token) =>
        mutate(() => {
          for (const [hash, other] of Object.entries(state.emailTokens)) {
            if (other.user_id === token.user_id && other.purpose === token.purpose) delete state.emailTokens[hash]
          }
          state.emailTokens[token.token_hash] = copy(token)
        }),
      consume: (hash, purpose, nowMs) =>
        mutate(() => {
          const token = state.emailTokens[hash]
          if (!token || token.purpose !== purpose) return undefined
          // Expired tokens go too: they can never become valid again.
          delete state.emailTokens[hash]
          return token.expires_at > nowMs ? token : undefined
        }),
      deleteByUser: (userId, purpose) =>
        mutate(() => {
          for (const [hash, token] of Object.entries(state.emailTokens)) {
            if (token.user_id === userId && token.purpose === purpose) delete state.emailTokens[hash]
          }
        }),
    },
    signingKeys: {
      list: async () => copy(state.signingKeys),
      add: (key) =>
        mutate(() => {
          state.signingKeys.unshift(copy(key))
        }),
    },
    ping: async () => true,
    flush: persist,
    close,
  }
}
