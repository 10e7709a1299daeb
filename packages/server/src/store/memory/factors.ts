// In-memory repositories of second factors and sign-in methods: MFA, challenges, passkeys, OAuth accounts.
import {
  UniqueConstraintError,
  type ChallengeRepository,
  type MfaRepository,
  type OAuthAccountRepository,
  type PasskeyRepository,
  type UnlinkOutcome,
} from '../types'
import type { MemoryContext } from './state'

const challengeKey = (kind: string, key: string) => `${kind}:${key}`

export function memoryMfa({ state, copy, mutate }: MemoryContext): MfaRepository {
  return {
    get: async (userId) => copy(state.mfa[userId]),
    put: (record) =>
      mutate(() => {
        state.mfa[record.user_id] = copy(record)
      }),
    delete: (userId) =>
      mutate(() => {
        delete state.mfa[userId]
      }),
    claimTotpStep: (userId, step) =>
      mutate(() => {
        const record = state.mfa[userId]
        if (!record || (record.totp_last_step !== null && step <= record.totp_last_step)) return false
        record.totp_last_step = step
        return true
      }),
    consumeBackupCode: (userId, codeHash) =>
      mutate(() => {
        const record = state.mfa[userId]
        const index = record?.backup_code_hashes.indexOf(codeHash) ?? -1
        if (!record || index < 0) return false
        record.backup_code_hashes.splice(index, 1)
        return true
      }),
  }
}

export function memoryChallenges({ state, copy, mutate, sweep }: MemoryContext): ChallengeRepository {
  return {
    create: (challenge) =>
      mutate(() => {
        state.challenges[challengeKey(challenge.kind, challenge.key)] = copy(challenge)
      }),
    get: async (key, kind, nowMs) => {
      const challenge = state.challenges[challengeKey(kind, key)]
      return challenge && challenge.expires_at > nowMs ? copy(challenge) : undefined
    },
    consume: (key, kind, nowMs) =>
      mutate(() => {
        const challenge = state.challenges[challengeKey(kind, key)]
        if (!challenge) return undefined
        delete state.challenges[challengeKey(kind, key)]
        return challenge.expires_at > nowMs ? challenge : undefined
      }),
    recordFailure: (key, kind, maxAttempts) =>
      mutate(() => {
        const challenge = state.challenges[challengeKey(kind, key)]
        if (!challenge) return 0
        challenge.attempts++
        const left = Math.max(0, maxAttempts - challenge.attempts)
        if (left === 0) delete state.challenges[challengeKey(kind, key)]
        return left
      }),
    // Check and increment in one synchronous step: no other request runs in between.
    claimAttempt: (key, kind, maxAttempts, nowMs) =>
      mutate(() => {
        const challenge = state.challenges[challengeKey(kind, key)]
        if (!challenge || challenge.expires_at <= nowMs || challenge.attempts >= maxAttempts) return undefined
        challenge.attempts++
        return copy(challenge)
      }),
    claimWindowAttempt: (budget, maxAttempts, nowMs) =>
      mutate(() => {
        const id = challengeKey(budget.kind, budget.key)
        const current = state.challenges[id]
        if (!current || current.expires_at <= nowMs) {
          state.challenges[id] = { ...copy(budget), attempts: 1 }
          return { allowed: true, attempts: 1, expires_at: budget.expires_at }
        }
        if (current.attempts >= maxAttempts) {
          return { allowed: false, attempts: current.attempts, expires_at: current.expires_at }
        }
        current.attempts++
        return { allowed: true, attempts: current.attempts, expires_at: current.expires_at }
      }),
    releaseAttempt: (key, kind, expiresAt) =>
      sweep(() => {
        const current = state.challenges[challengeKey(kind, key)]
        if (!current || current.expires_at !== expiresAt || current.attempts <= 0) return false
        current.attempts--
        return true
      }),
    deleteExpired: (nowMs) =>
      sweep(() => {
        let changed = false
        for (const [key, challenge] of Object.entries(state.challenges)) {
          if (challenge.expires_at <= nowMs) {
            delete state.challenges[key]
            changed = true
          }
        }
        return changed
      }),
  }
}

export function memoryPasskeys({ state, copy, mutate }: MemoryContext): PasskeyRepository {
  return {
    create: (passkey) =>
      mutate(() => {
        if (Object.values(state.passkeys).some((p) => p.credential_id === passkey.credential_id)) {
          throw new UniqueConstraintError('credential_id')
        }
        state.passkeys[passkey.id] = copy(passkey)
      }),
    get: async (id) => copy(state.passkeys[id]),
    getByCredentialId: async (credentialId) =>
      copy(Object.values(state.passkeys).find((p) => p.credential_id === credentialId)),
    listByUser: async (userId) => copy(Object.values(state.passkeys).filter((p) => p.user_id === userId)),
    update: (id, patch) =>
      mutate(() => {
        const current = state.passkeys[id]
        if (!current) return undefined
        Object.assign(current, copy(patch))
        return copy(current)
      }),
    recordUse: (id, expectedCounter, nextCounter, nowMs, backedUp) =>
      mutate(() => {
        const current = state.passkeys[id]
        if (!current || current.counter !== expectedCounter) return false
        current.counter = nextCounter
        current.last_used_at = nowMs
        current.backed_up = backedUp
        return true
      }),
    delete: (id) =>
      mutate(() => {
        if (!state.passkeys[id]) return false
        delete state.passkeys[id]
        return true
      }),
    deleteUnlessLast: (userId, id) =>
      mutate(() => {
        const user = state.users[userId]
        const passkey = state.passkeys[id]
        if (!user || passkey?.user_id !== userId) return 'not_found'
        const otherPasskey = Object.values(state.passkeys).some((p) => p.user_id === userId && p.id !== id)
        const identity = Object.values(state.oauthAccounts).some((a) => a.user_id === userId)
        if (user.password_hash === null && !otherPasskey && !identity) return 'last_method'
        delete state.passkeys[id]
        return 'deleted'
      }),
  }
}

export function memoryOAuthAccounts({ state, copy, mutate }: MemoryContext): OAuthAccountRepository {
  return {
    create: (account) =>
      mutate(() => {
        const key = `${account.provider}:${account.provider_user_id}`
        if (state.oauthAccounts[key]) throw new UniqueConstraintError('oauth_account')
        state.oauthAccounts[key] = copy(account)
      }),
    get: async (provider, providerUserId) => copy(state.oauthAccounts[`${provider}:${providerUserId}`]),
    listByUser: async (userId) => copy(Object.values(state.oauthAccounts).filter((a) => a.user_id === userId)),
    // One synchronous step: nothing else runs between counting the user's methods and removing the link.
    deleteUnlessLast: (userId, id) =>
      mutate((): UnlinkOutcome => {
        const user = state.users[userId]
        const links = Object.entries(state.oauthAccounts).filter(([, a]) => a.user_id === userId)
        const found = links.find(([, a]) => a.id === id)
        if (!user || !found) return { refused: 'not_found' }
        const passkeys = Object.values(state.passkeys).some((p) => p.user_id === userId)
        if (user.password_hash === null && links.length === 1 && !passkeys) return { refused: 'last_method' }
        delete state.oauthAccounts[found[0]]
        return { deleted: copy(found[1]) }
      }),
  }
}
