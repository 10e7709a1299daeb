// In-memory repositories of accounts: users and their single-use email tokens.
import { UniqueConstraintError, type EmailTokenRepository, type UserRecord, type UserRepository } from '../types'
import { deleteRefreshTokensOfSession } from './sessions'
import type { MemoryContext } from './state'

export function memoryUsers({ state, copy, mutate }: MemoryContext): UserRepository {
  const assertUnique = (user: UserRecord) => {
    for (const other of Object.values(state.users)) {
      if (other.id === user.id) continue
      if (other.email_normalized === user.email_normalized) throw new UniqueConstraintError('email')
      if (user.username_normalized !== null && other.username_normalized === user.username_normalized) {
        throw new UniqueConstraintError('username')
      }
    }
  }

  return {
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
            deleteRefreshTokensOfSession(state, session.id)
            delete state.sessions[session.id]
          }
        }
        for (const [hash, token] of Object.entries(state.emailTokens)) {
          if (token.user_id === id) delete state.emailTokens[hash]
        }
        for (const [key, membership] of Object.entries(state.memberships)) {
          if (membership.user_id === id) delete state.memberships[key]
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

export function memoryEmailTokens({ state, copy, mutate }: MemoryContext): EmailTokenRepository {
  return {
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
  }
}
