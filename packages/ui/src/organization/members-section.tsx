import { useState } from 'react'
import { useOrganizationMembers } from '@plinto/react'
import type { Member, OrganizationRole } from '@plinto/typescript-sdk'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
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

const memberName = (member: Member) => [member.first_name, member.last_name].filter(Boolean).join(' ') || member.email

/** The members with their roles: change a role, remove a member, or leave — within what the user's role allows. */
export function MembersSection({ ui, organizationId, me }: MembersSectionProps) {
  const { t } = ui
  const members = useOrganizationMembers(organizationId)
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [busy, setBusy] = useState<string>()

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
      <QueryState ui={ui} query={members}>
        {(list) => (
          <ul className={ui.cx('list')}>
            {list.map((member) => {
              const self = member.user_id === me.userId
              const allowed = memberPermissions(me, member, list)
              const name = memberName(member)
              const pending = busy === member.user_id
              return (
                <li key={member.user_id} className={ui.cx('listItem')}>
                  <div>
                    <p className={ui.cx('itemTitle')}>
                      {name} {self ? <span className={ui.cx('itemDetail')}>{t.organizationProfile.you}</span> : null}
                    </p>
                    {name !== member.email ? <p className={ui.cx('itemDetail')}>{member.email}</p> : null}
                  </div>
                  <div className={ui.cx('itemActions')}>
                    <select
                      className={ui.cx('select')}
                      aria-label={t.organizationProfile.changeRole(name)}
                      value={member.role}
                      disabled={!allowed.canChangeRole || pending}
                      onChange={(event) => {
                        const role = event.target.value as OrganizationRole
                        void run(
                          member,
                          () => members.updateRole(member.user_id, role),
                          t.organizationProfile.roleChanged,
                        )
                      }}
                    >
                      {allowed.roles.map((role) => (
                        <option key={role} value={role}>
                          {t.roles[role]}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className={ui.cx('dangerButton')}
                      aria-label={self ? t.organizationProfile.leave : `${t.organizationProfile.remove}: ${name}`}
                      disabled={!allowed.canRemove || pending}
                      aria-busy={pending}
                      onClick={() =>
                        void run(member, () => members.remove(member.user_id), t.organizationProfile.removed)
                      }
                    >
                      {pending
                        ? t.organizationProfile.removing
                        : self
                          ? t.organizationProfile.leave
                          : t.organizationProfile.remove}
                    </button>
                  </div>
                </li>
              )
            })}
          </ul>
        )}
      </QueryState>
    </Section>
  )
}
