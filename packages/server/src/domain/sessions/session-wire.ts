import type { Session } from '@plinto/contract'
import { toIso } from '../../clock'
import type { SessionRecord } from '../../store/types'
import { parseDevice } from './device'

/**
 * A stored session as the API shows it (CONTRACT.md § Shapes `Session`). The device is parsed from the
 * stored User-Agent when shown, so a better parser improves old sessions too. The server has no geo-IP
 * database: `city` and `country` are null.
 */
export function toWireSession(session: SessionRecord, currentSessionId: string): Session {
  return {
    id: session.id,
    device: parseDevice(session.user_agent),
    location: { city: null, country: null, ip: session.ip },
    created_at: toIso(session.created_at),
    last_active_at: toIso(session.last_active_at),
    expires_at: toIso(session.expires_at),
    is_current: session.id === currentSessionId,
  }
}

/** True while a session can still be used: not ended and not past its expiry. */
export function isActiveSession(session: SessionRecord, nowMs: number): boolean {
  return session.revoked_at === null && session.expires_at > nowMs
}
