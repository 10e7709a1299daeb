import { useState } from 'react'
import { useOrganizationMembers } from '@plinto/react'
import type { OrganizationRole } from '@plinto/typescript-sdk'
import { useConfirmation } from '../elements/confirm-dialog'
import { FormAlert } from '../elements/form-alert'
import { Section } from '../elements/section'
import { describeError } from '../internal/describe-error'
import type { Ui } from '../internal/use-ui'
import { memberPermissions } from './member-rules'

export interface LeaveSectionProps {
  ui: Ui
  organizationId: string
  me: { userId: string; role: OrganizationRole }
}

/**
 * The General pane's danger zone: leave the organization, after a confirmation. The last owner cannot (the
 * server refuses too) and is told why; the button stays disabled until the member list says otherwise.
 */
export function LeaveSection({ ui, organizationId, me }: LeaveSectionProps) {
  const { t } = ui
  const members = useOrganizationMembers(organizationId)
  const [error, setError] = useState<string>()
  const [confirmation, confirm] = useConfirmation(ui)
  const mine = members.data?.find((member) => member.user_id === me.userId)
  const canLeave = mine ? memberPermissions(me, mine, members.data ?? []).canRemove : false
  const lastOwner = mine !== undefined && !canLeave

  return (
    <Section ui={ui} title={t.account.leaveTitle}>
      <FormAlert ui={ui} message={error} />
      <div className={ui.cx('dangerZone')}>
        <p className={ui.cx('itemDetail')}>{lastOwner ? t.account.leaveLastOwner : t.account.leaveBody}</p>
        <button
          type="button"
          className={ui.cx('dangerButton')}
          disabled={!canLeave}
          onClick={() =>
            confirm({
              title: t.account.confirmLeaveTitle,
              body: t.account.confirmLeaveBody,
              confirmLabel: t.organizationProfile.leave,
              pendingLabel: t.organizationProfile.removing,
              run: async () => {
                setError(undefined)
                try {
                  await members.remove(me.userId)
                } catch (caught) {
                  setError(describeError(caught, t, {}).form)
                }
              },
            })
          }
        >
          {t.organizationProfile.leave}
        </button>
      </div>
      {confirmation}
    </Section>
  )
}
