// In-memory repositories of accounts: users and their single-use email tokens.
import {
  UniqueConstraintError,
  type EmailTokenRecord,
  type EmailTokenRepository,
  type UserRecord,
  type UserRepository,
} from '../types'
import {
  indexEmailToken,
  indexUser,
  indexed,
  members,
  unindexEmailToken,
  unindexMembership,
  unindexSession,
  unindexUser,
} from './indexes'
import { deleteRefreshTokensOfSession } from './sessions'
import type { MemoryContext } from './state'

export function memoryUsers({ state, indexes, copy, mutate }: MemoryContext): UserRepository {
  // Index lookups, not scans: the email and username indexes hold exactly the stored users' values.
  const assertUnique = (user: UserRecord) => {
    const byEmail = indexes.userByEmail.get(user.email_normalized)
    if (byEmail !== undefined && byEmail !== user.id) throw new UniqueConstraintError('email')
    if (user.username_normalized !== null) {
      const byUsername = indexes.userByUsername.get(user.username_normalized)
      if (byUsername !== undefined && byUsername !== user.id) throw new UniqueConstraintError('username')
    }
  }

  // Replaces (or adds) a user and its index entries; called only after assertUnique passed.
  const store = (user: UserRecord) => {
    const previous = state.users[user.id]
    if (previous) unindexUser(indexes, previous)
    state.users[user.id] = user
    indexUser(indexes, user)
  }

  const byIndex = (id: string | undefined) => (id === undefined ? undefined : copy(state.users[id]))

  return {
    create: (user) =>
      mutate(() => {
        assertUnique(user)
        store(copy(user))
      }),
    get: async (id) => copy(state.users[id]),
    getByEmail: async (email) => byIndex(indexes.userByEmail.get(email)),
    getByUsername: async (username) => byIndex(indexes.userByUsername.get(username)),
    update: (id, patch) =>
      mutate(() => {
        const current = state.users[id]
        if (!current) return undefined
        const next = { ...current, ...copy(patch), id }
        assertUnique(next)
        store(next)
        return copy(next)
      }),
    markPhoneVerified: (id, phoneNumber, nowMs) =>
      mutate(() => {
        // Compared and set without an await in between: atomic on one event loop.
        const current = state.users[id]
        if (!current || current.phone_number !== phoneNumber) return undefined
        const next = { ...current, phone_verified: true, updated_at: nowMs }
        store(next)
        return copy(next)
      }),
    delete: (id) =>
      mutate(() => {
        const user = state.users[id]
        if (!user) return false
        unindexUser(indexes, user)
        delete state.users[id]
        for (const sessionId of members(indexes.sessionsByUser, id)) {
          const session = indexed(state.sessions, sessionId)
          deleteRefreshTokensOfSession(state, indexes, sessionId)
          unindexSession(indexes, session)
          delete state.sessions[sessionId]
        }
        for (const hash of members(indexes.emailTokensByUser, id)) {
          unindexEmailToken(indexes, indexed(state.emailTokens, hash))
          delete state.emailTokens[hash]
        }
        for (const key of members(indexes.membershipsByUser, id)) {
          unindexMembership(indexes, key, indexed(state.memberships, key))
          delete state.memberships[key]
        }
        delete state.mfa[id]
        for (const [key, challenge] of Object.entries(state.challenges)) {
          if (challenge.user_id === id) delete state.challenges[key]
        }
        for (const [key, passkey] of Object.entries(state.passkeys)) {
          if (passkey.user_id === id) delete state.passkeys[key]
        }
        for (const [key, account] of Object.entries(state.oauthAccounts)) {
          if (account.user_id === id) delete state.oauthAccounts[key]
        }
        return true
      }),
  }
}

export function memoryEmailTokens({ state, indexes, copy, mutate, sweep }: MemoryContext): EmailTokenRepository {
  const remove = (hash: string) => {
    const token = state.emailTokens[hash]
    if (!token) return
    unindexEmailToken(indexes, token)
    delete state.emailTokens[hash]
  }
  const removeOfUser = (userId: string, purpose: EmailTokenRecord['purpose']) => {
    for (const hash of members(indexes.emailTokensByUser, userId)) {
      if (indexed(state.emailTokens, hash).purpose === purpose) remove(hash)
    }
  }

  return {
    create: (token) =>
      mutate(() => {
        removeOfUser(token.user_id, token.purpose)
        remove(token.token_hash)
        state.emailTokens[token.token_hash] = copy(token)
        indexEmailToken(indexes, token)
      }),
    consume: (hash, purpose, nowMs) =>
      mutate(() => {
        const token = state.emailTokens[hash]
        if (!token || token.purpose !== purpose) return undefined
        // Expired tokens go too: they can never become valid again.
        remove(hash)
        return token.expires_at > nowMs ? token : undefined
      }),
    deleteByUser: (userId, purpose) => mutate(() => removeOfUser(userId, purpose)),
    // A scan, on the sweep's timer only: there are at most a few live email tokens per user.
    deleteExpired: async (nowMs) => {
      let count = 0
      await sweep(() => {
        for (const token of Object.values(state.emailTokens)) {
          if (token.expires_at > nowMs) continue
          remove(token.token_hash)
          count++
        }
        return count > 0
      })
      return count
    },
  }
}
