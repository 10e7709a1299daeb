// The in-memory store's indexes: derived from its state, never persisted (the file store writes the state
// alone and rebuilds these on load), and kept in step by every repository that changes an indexed record.
import type {
  EmailTokenRecord,
  InvitationRecord,
  MembershipRecord,
  OrganizationRecord,
  RefreshTokenRecord,
  SessionRecord,
  UserRecord,
} from '../types'
import type { StoreState } from './state'

/** Lookups that would otherwise scan a whole collection of the state. Sets keep insertion order. */
export interface StoreIndexes {
  /** `email_normalized` → user ID (compared exactly, as the store always has). */
  userByEmail: Map<string, string>
  /** `username_normalized` → user ID; users without a username are not in it. */
  userByUsername: Map<string, string>
  /** `refresh_family_hash` → session ID; sessions without a family are not in it. */
  sessionByRefreshFamily: Map<string, string>
  /** User ID → IDs of their sessions, in the order they were created. */
  sessionsByUser: Map<string, Set<string>>
  /** Session ID → hashes of its refresh tokens. */
  refreshTokensBySession: Map<string, Set<string>>
  /** Hashes of refresh tokens holding a sealed successor (only those `wipeSuccessors` can change). */
  refreshTokensWithSuccessor: Set<string>
  /** Refresh tokens by `expires_at`, earliest first (entries of deleted tokens are dropped when reached). */
  refreshTokenExpiry: ExpiryHeap
  /** Rotated refresh tokens by `rotated_at`, earliest first: the sweep deletes them once past their grace window. */
  refreshTokenRotation: ExpiryHeap
  /** Sessions by `expires_at`, earliest first (stale entries, after a rotation moved the expiry, are skipped). */
  sessionExpiry: ExpiryHeap
  /** Ended sessions that may still have refresh tokens: the sweep deletes those of family-marked sessions. */
  endedSessions: Set<string>
  /** User ID → hashes of their email tokens. */
  emailTokensByUser: Map<string, Set<string>>
  /** Slug → organization ID. */
  organizationBySlug: Map<string, string>
  /** User ID → membership keys. */
  membershipsByUser: Map<string, Set<string>>
  /** Organization ID → membership keys. */
  membershipsByOrganization: Map<string, Set<string>>
  /** `token_hash` → invitation ID. */
  invitationByTokenHash: Map<string, string>
  /** Organization ID → invitation IDs. */
  invitationsByOrganization: Map<string, Set<string>>
}

export function emptyIndexes(): StoreIndexes {
  return {
    userByEmail: new Map(),
    userByUsername: new Map(),
    sessionByRefreshFamily: new Map(),
    sessionsByUser: new Map(),
    refreshTokensBySession: new Map(),
    refreshTokensWithSuccessor: new Set(),
    refreshTokenExpiry: new ExpiryHeap(),
    refreshTokenRotation: new ExpiryHeap(),
    sessionExpiry: new ExpiryHeap(),
    endedSessions: new Set(),
    emailTokensByUser: new Map(),
    organizationBySlug: new Map(),
    membershipsByUser: new Map(),
    membershipsByOrganization: new Map(),
    invitationByTokenHash: new Map(),
    invitationsByOrganization: new Map(),
  }
}

/** Indexes of an existing state (a new store, or the file store's state as loaded from disk). */
export function buildIndexes(state: StoreState): StoreIndexes {
  const indexes = emptyIndexes()
  for (const user of Object.values(state.users)) indexUser(indexes, user)
  for (const session of Object.values(state.sessions)) indexSession(indexes, session)
  for (const token of Object.values(state.refreshTokens)) indexRefreshToken(indexes, token)
  for (const token of Object.values(state.emailTokens)) indexEmailToken(indexes, token)
  for (const organization of Object.values(state.organizations)) indexOrganization(indexes, organization)
  for (const [key, membership] of Object.entries(state.memberships)) indexMembership(indexes, key, membership)
  for (const invitation of Object.values(state.invitations)) indexInvitation(indexes, invitation)
  return indexes
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key)
  if (set) set.add(value)
  else map.set(key, new Set([value]))
}

export function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key)
  if (!set) return
  set.delete(value)
  if (set.size === 0) map.delete(key)
}

/** The members of an index entry, copied so callers may delete while iterating. */
export function members(map: Map<string, Set<string>>, key: string): string[] {
  const set = map.get(key)
  return set ? [...set] : []
}

function removeIfOwner(map: Map<string, string>, key: string | null, id: string): void {
  if (key !== null && map.get(key) === id) map.delete(key)
}

export function indexUser(indexes: StoreIndexes, user: UserRecord): void {
  indexes.userByEmail.set(user.email_normalized, user.id)
  if (user.username_normalized !== null) indexes.userByUsername.set(user.username_normalized, user.id)
}

export function unindexUser(indexes: StoreIndexes, user: UserRecord): void {
  removeIfOwner(indexes.userByEmail, user.email_normalized, user.id)
  removeIfOwner(indexes.userByUsername, user.username_normalized, user.id)
}

export function indexSession(indexes: StoreIndexes, session: SessionRecord): void {
  addTo(indexes.sessionsByUser, session.user_id, session.id)
  if (session.refresh_family_hash) indexes.sessionByRefreshFamily.set(session.refresh_family_hash, session.id)
  indexes.sessionExpiry.push(session.expires_at, session.id)
  if (session.revoked_at !== null) indexes.endedSessions.add(session.id)
}

/** Drops a session from the indexes but the expiry heap, whose stale entries are skipped when reached. */
export function unindexSession(indexes: StoreIndexes, session: SessionRecord): void {
  removeFrom(indexes.sessionsByUser, session.user_id, session.id)
  removeIfOwner(indexes.sessionByRefreshFamily, session.refresh_family_hash ?? null, session.id)
  indexes.endedSessions.delete(session.id)
}

export function indexRefreshToken(indexes: StoreIndexes, token: RefreshTokenRecord): void {
  addTo(indexes.refreshTokensBySession, token.session_id, token.token_hash)
  if (token.successor_box !== null) indexes.refreshTokensWithSuccessor.add(token.token_hash)
  indexes.refreshTokenExpiry.push(token.expires_at, token.token_hash)
  if (token.rotated_at !== null) indexes.refreshTokenRotation.push(token.rotated_at, token.token_hash)
}

/** Drops a token from the indexes but the expiry heap, whose stale entries are skipped when reached. */
export function unindexRefreshToken(indexes: StoreIndexes, token: RefreshTokenRecord): void {
  removeFrom(indexes.refreshTokensBySession, token.session_id, token.token_hash)
  indexes.refreshTokensWithSuccessor.delete(token.token_hash)
}

export function indexEmailToken(indexes: StoreIndexes, token: EmailTokenRecord): void {
  addTo(indexes.emailTokensByUser, token.user_id, token.token_hash)
}

export function unindexEmailToken(indexes: StoreIndexes, token: EmailTokenRecord): void {
  removeFrom(indexes.emailTokensByUser, token.user_id, token.token_hash)
}

export function indexOrganization(indexes: StoreIndexes, organization: OrganizationRecord): void {
  indexes.organizationBySlug.set(organization.slug, organization.id)
}

export function unindexOrganization(indexes: StoreIndexes, organization: OrganizationRecord): void {
  removeIfOwner(indexes.organizationBySlug, organization.slug, organization.id)
}

export function indexMembership(indexes: StoreIndexes, key: string, membership: MembershipRecord): void {
  addTo(indexes.membershipsByUser, membership.user_id, key)
  addTo(indexes.membershipsByOrganization, membership.organization_id, key)
}

export function unindexMembership(indexes: StoreIndexes, key: string, membership: MembershipRecord): void {
  removeFrom(indexes.membershipsByUser, membership.user_id, key)
  removeFrom(indexes.membershipsByOrganization, membership.organization_id, key)
}

export function indexInvitation(indexes: StoreIndexes, invitation: InvitationRecord): void {
  indexes.invitationByTokenHash.set(invitation.token_hash, invitation.id)
  addTo(indexes.invitationsByOrganization, invitation.organization_id, invitation.id)
}

export function unindexInvitation(indexes: StoreIndexes, invitation: InvitationRecord): void {
  removeIfOwner(indexes.invitationByTokenHash, invitation.token_hash, invitation.id)
  removeFrom(indexes.invitationsByOrganization, invitation.organization_id, invitation.id)
}

/** A binary min-heap of `[expires_at, key]`: the sweep of expired records takes only what has expired. */
export class ExpiryHeap {
  private readonly items: Array<[number, string]> = []

  get size(): number {
    return this.items.length
  }

  push(at: number, key: string): void {
    this.items.push([at, key])
    let i = this.items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.at(parent)[0] <= at) break
      this.swap(parent, i)
      i = parent
    }
  }

  /** Removes and returns every entry with `at <= nowMs`, earliest first. */
  popUntil(nowMs: number): Array<[number, string]> {
    const popped: Array<[number, string]> = []
    while (this.items.length > 0 && this.at(0)[0] <= nowMs) popped.push(this.pop())
    return popped
  }

  private pop(): [number, string] {
    const top = this.at(0)
    this.swap(0, this.items.length - 1)
    this.items.pop()
    const n = this.items.length
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < n && this.at(left)[0] < this.at(smallest)[0]) smallest = left
      if (right < n && this.at(right)[0] < this.at(smallest)[0]) smallest = right
      if (smallest === i) return top
      this.swap(smallest, i)
      i = smallest
    }
  }

  private at(i: number): [number, string] {
    const item = this.items[i]
    if (item === undefined) throw new Error(`ExpiryHeap: no entry ${i}`)
    return item
  }

  private swap(a: number, b: number): void {
    const first = this.at(a)
    this.items[a] = this.at(b)
    this.items[b] = first
  }
}

/** The record an index entry points at; a missing one means an index is out of step with the state (a bug). */
export function indexed<T>(records: Record<string, T>, key: string): T {
  const record = records[key]
  if (record === undefined) throw new Error(`Memory store: index entry ${key} has no record`)
  return record
}
