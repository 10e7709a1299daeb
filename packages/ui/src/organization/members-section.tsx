import { useState } from 'react'
import { useOrganizationMembers } from '@plinto/react'
import type { Member, OrganizationRole } from '@plinto/typescript-sdk'
import { Avatar } from '../elements/avatar'
import { useConfirmation } from '../elements/confirm-dialog'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
import { RowMenu, type RowAction } from '../elements/row-menu'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { describeError } from '../internal/describe-error'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { memberPermissions } from './member-rules'

export interface MembersSectionProps {
  ui: Ui
  organizationId: string
  me: { userId: string; role: OrganizationRole }
}

export const memberName = (member: Member) =>
  [member.first_name, member.last_name].filter(Boolean).join(' ') || member.email

/**
 * The members with avatar, name, email and role. Each row's menu offers what the user's role allows: another
 * role ("Make admin") and removal, each after a confirmation; a row without allowed actions has its menu
 * button disabled. Leaving is in the General pane.
 */
export function MembersSection({ ui, organizationId, me }: MembersSectionProps) {
  const { t } = ui
  const members = useOrganizationMembers(organizationId)
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [busy, setBusy] = useState<string>()
  const [confirmation, confirm] = useConfirmation(ui)

  const [run] = useGuardedAction(async (member: Member, action: () => Promise<unknown>, done: string) => {
    setError(undefined)
    setStatus(undefined)
    setBusy(member.user_id)
    try {
      await action()
      setStatus(done)
    } catch (caught) {
      setError(describeError(caught, t, {}).form)
    } finally {
      setBusy(undefined)
    }
  })

  return (
    <Section ui={ui} title={t.organizationProfile.membersTitle}>
      <FormAlert ui={ui} message={error} />
      <StatusMessage ui={ui} message={status} />
      <QueryState ui={ui} query={members} skeletonRows={3}>
        {(list) =>
          list.length === 0 ? (
            <p className={ui.cx('emptyState')}>{t.account.membersEmpty}</p>
          ) : (
            <ul className={ui.cx('list')}>
              {list.map((member) => {
                const self = member.user_id === me.userId
                const allowed = memberPermissions(me, member, list)
                const name = memberName(member)
                const actions: RowAction[] = []
                if (allowed.canChangeRole) {
                  for (const role of allowed.roles) {
                    if (role === member.role) continue
                    actions.push({
                      id: `role-${role}`,
                      label: t.account.makeRole(t.roles[role]),
                      onSelect: () =>
                        confirm({
                          title: t.account.confirmRoleTitle(name, t.roles[role]),
                          body: t.account.confirmRoleBody,
                          confirmLabel: t.account.confirmRole,
                          pendingLabel: t.organizationProfile.saving,
                          run: () =>
                            run(
                              member,
                              () => members.updateRole(member.user_id, role),
                              t.organizationProfile.roleChanged,
                            ),
                        }),
                    })
                  }
                }
                // Removing oneself is leaving: the General pane offers it, with its own words.
                if (allowed.canRemove && !self) {
                  actions.push({
                    id: 'remove',
                    label: t.organizationProfile.remove,
                    danger: true,
                    onSelect: () =>
                      confirm({
                        title: t.account.confirmRemoveTitle(name),
                        body: t.account.confirmRemoveBody,
                        confirmLabel: t.organizationProfile.remove,
                        pendingLabel: t.organizationProfile.removing,
                        run: () => run(member, () => members.remove(member.user_id), t.organizationProfile.removed),
                      }),
                  })
                }
                return (
                  <li key={member.user_id} className={ui.cx('listItem')}>
                    <div className={ui.cx('listItemMain')}>
                      <Avatar ui={ui} size="small" name={name === member.email ? null : name} email={member.email} />
                      <div>
                        <p className={ui.cx('itemTitle')}>
                          {name}{' '}
                          {self ? <span className={ui.cx('itemDetail')}>{t.organizationProfile.you}</span> : null}
                        </p>
                        {name !== member.email ? <p className={ui.cx('itemDetail')}>{member.email}</p> : null}
                      </div>
                    </div>
                    <span className={ui.cx('badge')}>{t.roles[member.role]}</span>
                    <RowMenu ui={ui} name={name} actions={actions} busy={busy === member.user_id} />
                  </li>
                )
              })}
            </ul>
          )
        }
      </QueryState>
      {confirmation}
    </Section>
  )
}
