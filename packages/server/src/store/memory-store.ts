import type { SigningKeyRecord } from '../crypto/signing-keys'
import {
  UniqueConstraintError,
  type ChallengeRecord,
  type EmailTokenRecord,
  type InvitationRecord,
  type MembershipChange,
  type MembershipRecord,
  type MfaRecord,
  type OAuthAccountRecord,
  type OrganizationRecord,
  type PasskeyRecord,
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
  organizations: Record<string, OrganizationRecord>
  /** Keyed `organization_id:user_id`. */
  memberships: Record<string, MembershipRecord>
  invitations: Record<string, InvitationRecord>
  /** Keyed by user ID. */
  mfa: Record<string, MfaRecord>
  /** Keyed `kind:key`. */
  challenges: Record<string, ChallengeRecord>
  passkeys: Record<string, PasskeyRecord>
  /** Keyed `provider:provider_user_id`. */
  oauthAccounts: Record<string, OAuthAccountRecord>
}

/** An empty {@link StoreState}. */
export function emptyState(): StoreState {
  return {
    version: 1,
    users: {},
    sessions: {},
    refreshTokens: {},
    emailTokens: {},
    signingKeys: [],
    organizations: {},
    memberships: {},
    invitations: {},
    mfa: {},
    challenges: {},
    passkeys: {},
    oauthAccounts: {},
  }
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

  const memberKey = (organizationId: string, userId: string) => `${organizationId}:${userId}`
  const challengeKey = (kind: string, key: string) => `${kind}:${key}`
  const owners = (organizationId: string) =>
    Object.values(state.memberships).filter((m) => m.organization_id === organizationId && m.role === 'owner').length

  const assertSlugUnique = (organization: OrganizationRecord) => {
    for (const other of Object.values(state.organizations)) {
      if (other.id !== organization.id && other.slug === organization.slug) throw new UniqueConstraintError('slug')
    }
  }

  const deleteOrganization = (id: string) => {
    delete state.organizations[id]
    for (const [key, membership] of Object.entries(state.memberships)) {
      if (membership.organization_id === id) delete state.memberships[key]
    }
    for (const [key, invitation] of Object.entries(state.invitations)) {
      if (invitation.organization_id === id) delete state.invitations[key]
    }
  }

  // A change that would leave an organization without an owner is refused in the same step that makes it.
  const changeMembership = (organizationId: string, userId: string, next: MembershipRecord['role'] | null): MembershipChange => {
    const key = memberKey(organizationId, userId)
    const current = state.memberships[key]
    if (!current) return 'not_found'
    if (current.role === 'owner' && next !== 'owner' && owners(organizationId) === 1) return 'last_owner'
    if (next === null) delete state.memberships[key]
    else current.role = next
    return 'ok'
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
    organizations: {
      create: (organization, owner) =>
        mutate(() => {
          assertSlugUnique(organization)
          state.organizations[organization.id] = copy(organization)
          state.memberships[memberKey(organization.id, owner.user_id)] = copy(owner)
        }),
      get: async (id) => copy(state.organizations[id]),
      getBySlug: async (slug) => copy(Object.values(state.organizations).find((o) => o.slug === slug)),
      update: (id, patch) =>
        mutate(() => {
          const current = state.organizations[id]
          if (!current) return undefined
          const next = { ...current, ...copy(patch), id }
          assertSlugUnique(next)
          state.organizations[id] = next
          return copy(next)
        }),
      delete: (id) =>
        mutate(() => {
          if (!state.organizations[id]) return false
          deleteOrganization(id)
          return true
        }),
    },
    memberships: {
      add: (membership) =>
        mutate(() => {
          const key = memberKey(membership.organization_id, membership.user_id)
          if (state.memberships[key] || !state.organizations[membership.organization_id]) return false
          state.memberships[key] = copy(membership)
          return true
        }),
      get: async (organizationId, userId) => copy(state.memberships[memberKey(organizationId, userId)]),
      listByOrganization: async (organizationId) =>
        copy(Object.values(state.memberships).filter((m) => m.organization_id === organizationId)),
      listByUser: async (userId) => copy(Object.values(state.memberships).filter((m) => m.user_id === userId)),
      setRole: (organizationId, userId, role) => mutate(() => changeMembership(organizationId, userId, role)),
      remove: (organizationId, userId) => mutate(() => changeMembership(organizationId, userId, null)),
    },
    invitations: {
      create: (invitation) =>
        mutate(() => {
          for (const other of Object.values(state.invitations)) {
            if (
              other.organization_id === invitation.organization_id &&
              other.email_normalized === invitation.email_normalized &&
              other.status === 'pending'
            ) {
              other.status = 'revoked'
              other.decided_at = invitation.created_at
            }
          }
          state.invitations[invitation.id] = copy(invitation)
        }),
      get: async (id) => copy(state.invitations[id]),
      getByTokenHash: async (hash) => copy(Object.values(state.invitations).find((i) => i.token_hash === hash)),
      listByOrganization: async (organizationId) =>
        copy(Object.values(state.invitations).filter((i) => i.organization_id === organizationId)),
      decide: (id, status, nowMs) =>
        mutate(() => {
          const invitation = state.invitations[id]
          if (!invitation || invitation.status !== 'pending' || invitation.expires_at <= nowMs) return false
          invitation.status = status
          invitation.decided_at = nowMs
          return true
        }),
    },
    mfa: {
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
    },
    challenges: {
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
    },
    passkeys: {
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
    },
    oauthAccounts: {
      create: (account) =>
        mutate(() => {
          const key = `${account.provider}:${account.provider_user_id}`
          if (state.oauthAccounts[key]) throw new UniqueConstraintError('oauth_account')
          state.oauthAccounts[key] = copy(account)
        }),
      get: async (provider, providerUserId) => copy(state.oauthAccounts[`${provider}:${providerUserId}`]),
      listByUser: async (userId) => copy(Object.values(state.oauthAccounts).filter((a) => a.user_id === userId)),
    },
    ping: async () => true,
    flush: persist,
    close,
  }
}
