import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

/** The `device` of a {@link SessionSchema}; {@link SessionDevice} is its type. */
export const SessionDeviceSchema = /* @__PURE__ */ z.object({
  type: /* @__PURE__ */ z.enum(['desktop', 'mobile', 'tablet', 'unknown']),
  name: /* @__PURE__ */ z.string(),
  os: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  browser: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
})
/**
 * The device a session was started from, parsed from its User-Agent.
 *
 * @example
 * ```ts
 * const device: SessionDevice = { type: 'desktop', name: 'Chrome on macOS', os: 'macOS', browser: 'Chrome' }
 * ```
 */
export type SessionDevice = z.infer<typeof SessionDeviceSchema>

/** The `location` of a {@link SessionSchema}; {@link SessionLocation} is its type. */
export const SessionLocationSchema = /* @__PURE__ */ z.object({
  city: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  country: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  ip: /* @__PURE__ */ z.string(),
})
/**
 * Where a session was started from. `city`/`country` are null when the server has no geo-IP data.
 *
 * @example
 * ```ts
 * const location: SessionLocation = { city: null, country: null, ip: '203.0.113.7' }
 * ```
 */
export type SessionLocation = z.infer<typeof SessionLocationSchema>

/**
 * One session: an entry of `GET /sessions` and the response of `GET /sessions/current`; {@link Session} is its type.
 */
export const SessionSchema = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  device: SessionDeviceSchema,
  location: SessionLocationSchema,
  created_at: /* @__PURE__ */ z.string(),
  last_active_at: /* @__PURE__ */ z.string(),
  expires_at: /* @__PURE__ */ z.string(),
  is_current: /* @__PURE__ */ z.boolean(),
})
/**
 * A signed-in device of the current user (CONTRACT.md § Shapes `Session`).
 *
 * @example
 * ```ts
 * const { sessions } = await plinto.sessions.listSessions()
 * sessions.filter((s: Session) => !s.is_current).map((s) => s.device.name) // ['Safari on iOS']
 * ```
 */
export type Session = z.infer<typeof SessionSchema>

/** The response of `GET /sessions` (`{ sessions, total }`); {@link SessionListResponse} is its type. */
export const SessionListResponseSchema = /* @__PURE__ */ z.object({
  sessions: /* @__PURE__ */ z.array(SessionSchema),
  total: /* @__PURE__ */ z.number(),
})
/**
 * `GET /sessions`: the user's active sessions, newest first.
 *
 * @example
 * ```ts
 * const { sessions, total }: SessionListResponse = await plinto.sessions.listSessions()
 * ```
 */
export type SessionListResponse = z.infer<typeof SessionListResponseSchema>

/** The response of `POST /sessions/revoke-all` (`{ revoked_count }`); {@link RevokeAllSessionsResponse} is its type. */
export const RevokeAllSessionsResponseSchema = /* @__PURE__ */ z.object({ revoked_count: /* @__PURE__ */ z.number() })
/**
 * `POST /sessions/revoke-all`: how many sessions (all but the current one) were ended.
 *
 * @example
 * ```ts
 * const { revoked_count }: RevokeAllSessionsResponse = await plinto.sessions.revokeAllSessions()
 * ```
 */
export type RevokeAllSessionsResponse = z.infer<typeof RevokeAllSessionsResponseSchema>
