import { useId, useState } from 'react'
import { useOrganizationInvitations } from '@plinto/react'
import type { Invitation, OrganizationRole } from '@plinto/typescript-sdk'
import { Avatar } from '../elements/avatar'
import { useConfirmation } from '../elements/confirm-dialog'
import { EmailField } from '../elements/email-field'
import { Form } from '../elements/form'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
import { RowMenu } from '../elements/row-menu'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { formatDate } from '../internal/format-date'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { checkEmail } from '../internal/validate'

const FIELDS = ['email'] as const

export interface InvitationsSectionProps {
  ui: Ui
  organizationId: string
  myRole: OrganizationRole
}

/**
 * Invite by email with a role (only owners offer "Owner"), and the pending invitations, each revoked from its
 * row's menu after a confirmation.
 */
export function InvitationsSection({ ui, organizationId, myRole }: InvitationsSectionProps) {
  const { t } = ui
  const invitations = useOrganizationInvitations(organizationId)
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<OrganizationRole>('member')
  const [status, setStatus] = useState<string>()
  const [listError, setListError] = useState<string>()
  const [revoking, setRevoking] = useState<string>()
  const { errors, show, refs } = useFormErrors(FIELDS)
  const [confirmation, confirm] = useConfirmation(ui)
  const roleId = `plinto-${useId()}-role`
  const roles: OrganizationRole[] = myRole === 'owner' ? ['member', 'admin', 'owner'] : ['member', 'admin']

  const [invite, inviting] = useGuardedAction(async () => {
    setStatus(undefined)
    const address = email.trim()
    const invalid = checkEmail(address, t)
    if (invalid) return show({ fields: { email: invalid } })
    show({ fields: {} })
    try {
      await invitations.invite({ email: address, role })
      setEmail('')
      setStatus(t.organizationProfile.invited(address))
    } catch (error) {
      show(describeError(error, t, { email: 'email' }))
    }
  })
  const [revoke] = useGuardedAction(async (invitation: Invitation) => {
    setStatus(undefined)
    setListError(undefined)
    setRevoking(invitation.id)
    try {
      await invitations.revoke(invitation.id)
      setStatus(t.organizationProfile.revoked)
    } catch (error) {
      setListError(describeError(error, t, {}).form)
    } finally {
      setRevoking(undefined)
    }
  })

  return (
    <Section ui={ui} title={t.organizationProfile.invitationsTitle}>
      <Form ui={ui} error={errors.form} onSubmit={invite}>
        <EmailField
          ui={ui}
          ref={refs.email}
          autoComplete="off"
          value={email}
          onValueChange={setEmail}
          error={errors.fields.email}
        />
        <div className={ui.cx('field')}>
          <label htmlFor={roleId} className={ui.cx('label')}>
            {t.fields.role}
          </label>
          <select
            id={roleId}
            className={ui.cx('select')}
            value={role}
            onChange={(event) => setRole(event.target.value as OrganizationRole)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {t.roles[value]}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton
          ui={ui}
          pending={inviting}
          label={t.organizationProfile.invite}
          pendingLabel={t.organizationProfile.inviting}
        />
      </Form>
      <StatusMessage ui={ui} message={status} />
      <FormAlert ui={ui} message={listError} />
      <QueryState ui={ui} query={invitations}>
        {(list) => {
          const pending = list.filter((invitation) => invitation.status === 'pending')
          if (pending.length === 0)
            return <p className={ui.cx('emptyState')}>{t.organizationProfile.invitationsEmpty}</p>
          return (
            <ul className={ui.cx('list')}>
              {pending.map((invitation) => (
                <li key={invitation.id} className={ui.cx('listItem')}>
                  <div className={ui.cx('listItemMain')}>
                    <Avatar ui={ui} size="small" name={null} email={invitation.email} />
                    <div>
                      <p className={ui.cx('itemTitle')}>{invitation.email}</p>
                      <p className={ui.cx('itemDetail')}>
                        {t.roles[invitation.role]} ·{' '}
                        {t.organizationProfile.invitationExpires(formatDate(invitation.expires_at, t.locale))}
                      </p>
                    </div>
                  </div>
                  <RowMenu
                    ui={ui}
                    name={invitation.email}
                    busy={revoking === invitation.id}
                    actions={[
                      {
                        id: 'revoke',
                        label: t.organizationProfile.revoke,
                        danger: true,
                        onSelect: () =>
                          confirm({
                            title: t.account.confirmRevokeInvitationTitle(invitation.email),
                            body: t.account.confirmRevokeInvitationBody,
                            confirmLabel: t.organizationProfile.revoke,
                            pendingLabel: t.organizationProfile.revoking,
                            run: () => revoke(invitation),
                          }),
                      },
                    ]}
                  />
                </li>
              ))}
            </ul>
          )
        }}
      </QueryState>
      {confirmation}
    </Section>
  )
}
