import type { ReactNode } from 'react'
import { useOrganization, useUser } from '@plinto/react'
import type { Organization } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { Panes } from '../elements/panes'
import { QueryState } from '../elements/query-state'
import type { RootAttributes } from '../internal/root-attributes'
import { usePane, type PaneRouting } from '../internal/use-pane'
import { useUi, type PresentationProps, type Ui } from '../internal/use-ui'
import { enAccount } from '../localization/en-account'
import { DetailsSection } from './details-section'
import { InvitationsSection } from './invitations-section'
import { LeaveSection } from './leave-section'
import { MembersSection } from './members-section'

/**
 * The panes of {@link OrganizationProfile}: `general` (details, leaving), `members`, and `invitations`
 * (owners and admins only).
 *
 * @example
 * ```tsx
 * <OrganizationProfile defaultPane="members" />
 * ```
 */
export type OrganizationProfilePane = 'general' | 'members' | 'invitations'

/**
 * Props of {@link OrganizationProfile}.
 *
 * @example
 * ```tsx
 * const props: OrganizationProfileProps = { className: 'settings', routing: 'hash' }
 * ```
 */
export interface OrganizationProfileProps extends PresentationProps, RootAttributes {
  /** The pane shown (controlled, with `onPaneChange`). */
  pane?: OrganizationProfilePane
  /** The pane shown first when uncontrolled. Default `general`. */
  defaultPane?: OrganizationProfilePane
  /** Called when the person opens another pane. */
  onPaneChange?: (pane: OrganizationProfilePane) => void
  /** `hash` keeps the pane in the URL (`/organization#members`). Default `virtual`. */
  routing?: PaneRouting
}

interface PaneContext {
  ui: Ui
  organization: Organization & { role: NonNullable<Organization['role']> }
  me: { userId: string; role: Organization['role'] }
  update: ReturnType<typeof useOrganization>['update']
}

/** The panes in order: who sees each, and what it shows. */
const PANES: readonly {
  id: OrganizationProfilePane
  label: (ui: Ui) => string
  managersOnly?: boolean
  render: (context: PaneContext) => ReactNode
}[] = [
  {
    id: 'general',
    label: (ui) => ui.t.account.paneGeneral,
    render: ({ ui, organization, me, update }) => (
      <>
        <DetailsSection
          key={organization.id}
          ui={ui}
          organization={organization}
          update={update}
          canEdit={me.role === 'owner' || me.role === 'admin'}
        />
        <LeaveSection ui={ui} organizationId={organization.id} me={me} />
      </>
    ),
  },
  {
    id: 'members',
    label: (ui) => ui.t.account.paneMembers,
    render: ({ ui, organization, me }) => <MembersSection ui={ui} organizationId={organization.id} me={me} />,
  },
  {
    id: 'invitations',
    label: (ui) => ui.t.account.paneInvitations,
    managersOnly: true,
    render: ({ ui, organization, me }) => (
      <InvitationsSection ui={ui} organizationId={organization.id} myRole={me.role} />
    ),
  },
]

/**
 * Settings of the ACTIVE organization as navigable panes: **General** (details, editable by owners and
 * admins; leaving, after a confirmation), **Members** (avatars, roles; role changes and removal from each
 * row's menu, after a confirmation, within what the user's role allows) and **Invitations** (owners and
 * admins: invite by email with a role, revoke pending invitations). Actions the server would refuse are not
 * offered; the server's refusals are still shown. Keyboard and screen-reader operable like UserProfile;
 * works as a page and in a dialog (`OrganizationSwitcher` opens it in one). Without an active organization it
 * says so. Renders nothing unless someone is signed in.
 *
 * @example
 * ```tsx
 * <OrganizationSwitcher createOrganizationUrl="/organizations/new" />
 * <OrganizationProfile routing="hash" />
 * ```
 */
export function OrganizationProfile(props: OrganizationProfileProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    pane,
    defaultPane,
    onPaneChange,
    routing = 'virtual',
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { user } = useUser()
  const organization = useOrganization()
  const role = organization.data?.role ?? organization.role
  const manages = role === 'owner' || role === 'admin'
  const shown = PANES.filter((entry) => !entry.managersOnly || manages)
  const [active, setActive] = usePane({
    available: shown.map((entry) => entry.id),
    pane,
    defaultPane,
    onChange: onPaneChange,
    routing,
  })
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
      <QueryState ui={ui} query={organization} skeletonRows={1}>
        {(data) => {
          if (!data) return null
          const context: PaneContext = {
            ui,
            organization: data,
            me: { userId: user.id, role: data.role },
            update: organization.update,
          }
          return (
            <Panes
              ui={ui}
              label={t.account.organizationPanes}
              active={active ?? 'general'}
              onChange={setActive}
              panes={shown.map((entry) => ({
                id: entry.id,
                label: entry.label(ui),
                content: entry.id === active ? entry.render(context) : null,
              }))}
            />
          )
        }}
      </QueryState>
    </Card>
  )
}
