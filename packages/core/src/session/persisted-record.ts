import type { User } from '@plinto/contract/user'
import { validators } from '../validation'
import { tokenOrganization } from './expiry'

/** Version of the stored record; a record of any other version is discarded, never migrated blindly. */
export const PERSISTED_VERSION = 1

// The record's schema is in the validation chunk (../validation.lazy, `session`), with zod: a visitor with
// nothing stored never downloads it to start up.

/** The session as the client keeps it (in storage for web/custom modes, in memory for cookie mode). */
export interface SessionData {
  accessToken: string
  /** Absent in cookie mode: the refresh token lives only in the HttpOnly cookie. */
  refreshToken: string | undefined
  expiresAt: number
  user: User
  /** The active organization, from the access token's `org_id`; `null` for none. */
  organizationId: string | null
}

/** Serialises a session into the versioned record (JSON leaves out the fields that are `undefined`). */
export function encodeSession(session: SessionData): string {
  return JSON.stringify({
    v: PERSISTED_VERSION,
    access_token: session.accessToken,
    refresh_token: session.refreshToken,
    expires_at: session.expiresAt,
    user: session.user,
  })
}

/**
 * Reads a stored record; anything corrupted, foreign or of another version is `null`. Nothing stored (or not
 * JSON) is answered at once; a record is checked once the validation chunk is there, and if that chunk cannot
 * be downloaded this rejects with its retryable `NETWORK_ERROR` (the record is not judged, so not discarded).
 */
export async function decodeSession(raw: unknown): Promise<SessionData | null> {
  if (typeof raw !== 'string' || raw === '') return null
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return null
  }
  const result = (await validators()).session.safeParse(json)
  if (!result.success) return null
  const { access_token, refresh_token, expires_at, user } = result.data
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    expiresAt: expires_at,
    user,
    organizationId: tokenOrganization(access_token),
  }
}
