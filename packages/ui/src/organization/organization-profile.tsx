import type { ReactNode } from 'react'
import { useOrganization, useUser } from '@plinto/react'
import { Card } from '../elements/card'
import { QueryState } from '../elements/query-state'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { DetailsSection } from './details-section'
import { InvitationsSection } from './invitations-section'
import { MembersSection } from './members-section'
import { enAccount } from '../localization/en-account'

/**
 * Props of {@link OrganizationProfile}.
 *
 * @example
 * ```tsx
 * const props: OrganizationProfileProps = { className: 'settings' }
 * ```
 */
export interface OrganizationProfileProps extends PresentationProps, RootAttributes {}

/**
 * Settings of the ACTIVE organization: details (editable by owners and admins), members (role changes and
 * removal within what the user's role allows; leaving), and invitations (owners and admins: invite by
 * email with a role, pending invitations with revoke). Controls the server would refuse are disabled;
 * the server's refusals are still shown. Without an active organization it says so. Renders nothing
 * unless someone is signed in.
 *
 * @example
 * ```tsx
 * <OrganizationSwitcher createOrganizationUrl="/organizations/new" />
 * <OrganizationProfile />
 * ```
 */
export function OrganizationProfile(props: OrganizationProfileProps): ReactNode {
  const { appearance, localization, unstyled, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { user } = useUser()
  const organization = useOrganization()
  if (!user) return null
  if (!organization.organizationId) {
    return (
      <Card {...rest} ui={ui} wide title={t.organizationProfile.title}>
        <p className={ui.cx('notice')}>{t.organizationProfile.noOrganization}</p>
      </Card>
    )
  }
  return (
    <Card
      {...rest}
      ui={ui}
      wide
      title={organization.data?.name ?? t.organizationProfile.title}
      subtitle={organization.role ? t.roles[organization.role] : undefined}
    >
      <QueryState ui={ui} query={organization}>
        {(data) => {
          if (!data) return null
          const manages = data.role === 'owner' || data.role === 'admin'
          return (
            <>
              <DetailsSection
                key={data.id}
                ui={ui}
                organization={data}
                update={organization.update}
                canEdit={manages}
              />
              <MembersSection ui={ui} organizationId={data.id} me={{ userId: user.id, role: data.role }} />
              {manages ? <InvitationsSection ui={ui} organizationId={data.id} myRole={data.role} /> : null}
            </>
          )
        }}
      </QueryState>
    </Card>
  )
}
