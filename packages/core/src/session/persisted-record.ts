import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).
import { UserSchema, type User } from '@plinto/contract/user'
import { tokenOrganization } from './expiry'

/** Version of the stored record; a record of any other version is discarded, never migrated blindly. */
export const PERSISTED_VERSION = 1

const PersistedSessionSchema = /* @__PURE__ */ z.object({
  v: /* @__PURE__ */ z.literal(PERSISTED_VERSION),
  access_token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1)),
  refresh_token: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1))),
  /** Access-token expiry, ms since the epoch. */
  expires_at: /* @__PURE__ */ z.number(),
  user: UserSchema,
})

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

/** Reads a stored record; anything corrupted, foreign or of another version is `null`. */
export function decodeSession(raw: unknown): SessionData | null {
  if (typeof raw !== 'string' || raw === '') return null
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return null
  }
  const result = PersistedSessionSchema.safeParse(json)
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
