import { useState } from 'react'
import { useSessions } from '@plinto/react'
import type { Session } from '@plinto/typescript-sdk'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { describeError } from '../internal/describe-error'
import { formatDate } from '../internal/format-date'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

/** The user's sessions with device, place and last activity; sign one out, or all but this one. */
export function SessionsSection({ ui }: { ui: Ui }) {
  const { t } = ui
  const sessions = useSessions()
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [busyId, setBusyId] = useState<string>()

  const [revoke] = useGuardedAction(async (session: Session) => {
    setError(undefined)
    setStatus(undefined)
    setBusyId(session.id)
    try {
      await sessions.revoke(session.id)
      setStatus(t.userProfile.revoked)
    } catch (caught) {
      setError(describeError(caught, t, {}).form)
    } finally {
      setBusyId(undefined)
    }
  })
  const [revokeAll, revokingAll] = useGuardedAction(async () => {
    setError(undefined)
    setStatus(undefined)
    try {
      const { revoked_count } = await sessions.revokeAllOthers()
      setStatus(t.userProfile.revokedAll(revoked_count))
    } catch (caught) {
      setError(describeError(caught, t, {}).form)
    }
  })

  return (
    <Section ui={ui} title={t.userProfile.sessionsTitle}>
      <FormAlert ui={ui} message={error} />
      <StatusMessage ui={ui} message={status} />
      <QueryState ui={ui} query={sessions}>
        {(list) => (
          <>
            <ul className={ui.cx('list')}>
              {list.map((session) => {
                const device =
                  [session.device.browser, session.device.os].filter(Boolean).join(' · ') ||
                  session.device.name ||
                  t.userProfile.unknownDevice
                return (
                  <li key={session.id} className={ui.cx('listItem')}>
                    <div>
                      <p className={ui.cx('itemTitle')}>
                        {device}
                        {session.is_current ? (
                          <>
                            {' '}
                            <span className={ui.cx('badge')}>{t.userProfile.thisDevice}</span>
                          </>
                        ) : null}
                      </p>
                      <p className={ui.cx('itemDetail')}>
                        {[session.location.city, session.location.country].filter(Boolean).join(', ') ||
                          session.location.ip}{' '}
                        · {t.userProfile.lastActive(formatDate(session.last_active_at, t.locale))}
                      </p>
                    </div>
                    <div className={ui.cx('itemActions')}>
                      <button
                        type="button"
                        className={ui.cx('secondaryButton')}
                        disabled={busyId === session.id}
                        aria-busy={busyId === session.id}
                        aria-label={`${t.userProfile.revoke}: ${device}${session.is_current ? ` (${t.userProfile.thisDevice})` : ''}`}
                        onClick={() => void revoke(session)}
                      >
                        {busyId === session.id ? t.userProfile.revoking : t.userProfile.revoke}
                      </button>
                    </div>
                  </li>
                )
              })}
            </ul>
            {list.some((session) => !session.is_current) ? (
              <button
                type="button"
                className={ui.cx('dangerButton')}
                disabled={revokingAll}
                aria-busy={revokingAll}
                onClick={() => void revokeAll()}
              >
                {revokingAll ? t.userProfile.revokingAll : t.userProfile.revokeAll}
              </button>
            ) : null}
          </>
        )}
      </QueryState>
    </Section>
  )
}
