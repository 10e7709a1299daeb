import { useState } from 'react'
import { useSessions } from '@plinto/react'
import type { Session } from '@plinto/typescript-sdk'
import { Avatar } from '../elements/avatar'
import { useConfirmation } from '../elements/confirm-dialog'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
import { RowMenu } from '../elements/row-menu'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { describeError } from '../internal/describe-error'
import { formatDate } from '../internal/format-date'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

/**
 * The user's sessions with device, place and last activity. Each row's menu signs that session out (after a
 * confirmation; the current one signs out here); one button signs out all others.
 */
export function SessionsSection({ ui }: { ui: Ui }) {
  const { t } = ui
  const sessions = useSessions()
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [busyId, setBusyId] = useState<string>()
  const [confirmation, confirm] = useConfirmation(ui)

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
      <QueryState ui={ui} query={sessions} skeletonRows={3}>
        {(list) =>
          list.length === 0 ? (
            <p className={ui.cx('emptyState')}>{t.account.sessionsEmpty}</p>
          ) : (
            <>
              <ul className={ui.cx('list')}>
                {list.map((session) => {
                  const device =
                    [session.device.browser, session.device.os].filter(Boolean).join(' · ') ||
                    session.device.name ||
                    t.userProfile.unknownDevice
                  // The row's name for its menu: the current one says so ("Chrome · macOS (This device)").
                  const name = `${device}${session.is_current ? ` (${t.userProfile.thisDevice})` : ''}`
                  return (
                    <li key={session.id} className={ui.cx('listItem')}>
                      <div className={ui.cx('listItemMain')}>
                        <Avatar
                          ui={ui}
                          size="small"
                          name={[session.device.browser, session.device.os].filter(Boolean).join(' ') || device}
                          // The tone follows the device, not the session: the same run of devices looks the same each visit.
                          email={device}
                        />
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
                      </div>
                      <RowMenu
                        ui={ui}
                        name={name}
                        busy={busyId === session.id}
                        actions={[
                          {
                            id: 'revoke',
                            label: t.userProfile.revoke,
                            danger: true,
                            onSelect: () =>
                              confirm({
                                title: t.account.confirmRevokeSessionTitle(device),
                                body: session.is_current
                                  ? t.account.confirmRevokeCurrentBody
                                  : t.account.confirmRevokeSessionBody,
                                confirmLabel: t.userProfile.revoke,
                                pendingLabel: t.userProfile.revoking,
                                run: () => revoke(session),
                              }),
                          },
                        ]}
                      />
                    </li>
                  )
                })}
              </ul>
              {list.some((session) => !session.is_current) ? (
                <div>
                  <button
                    type="button"
                    className={ui.cx('dangerButton')}
                    disabled={revokingAll}
                    aria-busy={revokingAll}
                    onClick={() =>
                      confirm({
                        title: t.account.confirmRevokeAllTitle,
                        body: t.account.confirmRevokeAllBody,
                        confirmLabel: t.userProfile.revokeAll,
                        pendingLabel: t.userProfile.revokingAll,
                        run: revokeAll,
                      })
                    }
                  >
                    {revokingAll ? t.userProfile.revokingAll : t.userProfile.revokeAll}
                  </button>
                </div>
              ) : null}
            </>
          )
        }
      </QueryState>
      {confirmation}
    </Section>
  )
}
