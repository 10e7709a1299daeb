import { lazy, Suspense, useContext, useEffect, useState, type ReactNode } from 'react'
import { useOrganization, useOrganizations, useUser } from '@plinto/react'
import { MenuAction } from '../elements/menu-action'
import { Popover } from '../elements/popover'
import type { RootAttributes } from '../internal/root-attributes'
import { useMenuButton } from '../internal/use-menu-button'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { UiContext } from '../ui-context'
import { Menu } from '../elements/menu'
import type { OrganizationProfileProps } from './organization-profile'

// The dialog and OrganizationProfile load when "Manage organization" is chosen, never with the switcher.
const OrganizationProfileDialog = /* @__PURE__ */ lazy(() => import('./organization-profile-dialog'))
import { enAccount } from '../localization/en-account'

/**
 * Props of {@link OrganizationSwitcher}.
 *
 * @example
 * ```tsx
 * const props: OrganizationSwitcherProps = { createOrganizationUrl: '/organizations/new', hidePersonal: false }
 * ```
 */
export interface OrganizationSwitcherProps extends PresentationProps, RootAttributes {
  /** Adds "Create organization" to the menu, linking here. */
  createOrganizationUrl?: string
  /**
   * Adds "Create organization" to the menu as a button calling this (e.g. to open `<CreateOrganization />` in a
   * dialog).
   */
  onCreateOrganization?: () => void
  /**
   * What "Manage organization" (shown while an organization is active) does: `modal` opens
   * `<OrganizationProfile/>` in a dialog (loaded on demand); `navigation` links to `organizationProfileUrl`.
   * Default: `navigation` when `organizationProfileUrl` is given, else `modal`.
   */
  organizationProfileMode?: 'modal' | 'navigation'
  /** The organization settings page (one that renders `<OrganizationProfile />`), for `navigation`. */
  organizationProfileUrl?: string
  /** Props of the `<OrganizationProfile/>` in the dialog (`defaultPane`…). */
  organizationProfileProps?: OrganizationProfileProps
  /** Makes "Manage organization" a button calling this instead; wins over both modes. */
  onManageOrganization?: () => void
  /** Leave "Personal account" (no active organization) out of the list. */
  hidePersonal?: boolean
  /** Called after switching, with the new active organization's ID (`null`: personal account). */
  afterSwitch?: (organizationId: string | null) => void
}

/**
 * A menu button that shows the active organization and switches between the user's organizations
 * (`organizations.setActive`): each is a `menuitemradio`, the active one checked. Keyboard as in
 * `UserButton`: Enter, Space or ArrowDown open on the first item, ArrowUp on the last, arrows move, Escape
 * closes and returns focus. The list is fetched again each time the menu opens (an accepted invitation
 * shows up). While an organization is active, "Manage organization" opens `<OrganizationProfile/>` in a modal
 * dialog (or links to your page). Renders nothing unless someone is signed in.
 *
 * @example
 * ```tsx
 * <header>
 *   <OrganizationSwitcher createOrganizationUrl="/organizations/new" />
 *   <UserButton />
 * </header>
 * ```
 */
export function OrganizationSwitcher(props: OrganizationSwitcherProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    createOrganizationUrl,
    onCreateOrganization,
    organizationProfileMode = props.organizationProfileUrl !== undefined ? 'navigation' : 'modal',
    organizationProfileUrl,
    organizationProfileProps,
    onManageOrganization,
    hidePersonal = false,
    afterSwitch,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { isSignedIn } = useUser()
  const organizations = useOrganizations()
  const active = useOrganization()
  const { open, root, triggerId, menuId, close, triggerProps } = useMenuButton()
  const { refetch } = organizations
  const [dialog, setDialog] = useState(false)
  const uiOptions = useContext(UiContext)
  const modal = onManageOrganization === undefined && organizationProfileMode === 'modal'

  // The list is fetched again each time the menu opens, so an accepted invitation shows up.
  useEffect(() => {
    if (open) void refetch()
  }, [open, refetch])

  if (!isSignedIn) return null
  const select = async (organizationId: string | null) => {
    close(true)
    await active.setActive(organizationId)
    afterSwitch?.(organizationId)
  }
  const current = active.organizationId
    ? (organizations.data?.find((o) => o.id === active.organizationId)?.name ?? active.data?.name ?? '…')
    : t.organizationSwitcher.personalAccount

  const option = (organizationId: string | null, label: string, detail?: string) => {
    const checked = active.organizationId === organizationId
    return (
      <button
        key={organizationId ?? 'personal'}
        type="button"
        role="menuitemradio"
        aria-checked={checked}
        tabIndex={-1}
        className={ui.cx('organizationSwitcherOption')}
        onClick={() => void select(organizationId)}
      >
        <span>{label}</span>
        {detail ? <span className={ui.cx('itemDetail')}>{detail}</span> : null}
      </button>
    )
  }

  return (
    <div
      {...rest}
      ref={root}
      lang={ui.rootProps.lang}
      data-plinto-theme={ui.rootProps['data-plinto-theme']}
      className={[ui.rootProps.className, ui.cx('organizationSwitcher')].filter(Boolean).join(' ') || undefined}
      style={ui.rootProps.style}
    >
      <button
        {...triggerProps}
        className={ui.cx('organizationSwitcherTrigger')}
        aria-label={t.organizationSwitcher.trigger(current)}
      >
        {current}
      </button>
      {open ? (
        <Popover ui={ui} element="organizationSwitcherPopover">
          {organizations.data === undefined ? (
            <p className={ui.cx('itemDetail')} aria-busy="true">
              {t.organizationSwitcher.loading}
            </p>
          ) : null}
          <Menu ui={ui} id={menuId} labelledBy={triggerId} initialFocus={open} onClose={close}>
            {hidePersonal ? null : option(null, t.organizationSwitcher.personalAccount)}
            {organizations.data?.map((organization) =>
              option(organization.id, organization.name, t.roles[organization.role]),
            )}
            {active.organizationId ? (
              <MenuAction
                ui={ui}
                href={onManageOrganization || modal ? undefined : organizationProfileUrl}
                onSelect={modal ? () => setDialog(true) : onManageOrganization}
                // Into the dialog, focus goes from the button, so that it returns there when the dialog closes.
                onClose={() => close(modal)}
              >
                {t.account.manageOrganization}
              </MenuAction>
            ) : null}
            <MenuAction
              ui={ui}
              href={createOrganizationUrl}
              onSelect={onCreateOrganization}
              onClose={() => close(false)}
            >
              {t.organizationSwitcher.createOrganization}
            </MenuAction>
          </Menu>
        </Popover>
      ) : null}
      {dialog ? (
        <Suspense fallback={null}>
          <OrganizationProfileDialog
            appearance={appearance}
            localization={localization}
            unstyled={unstyled}
            context={uiOptions}
            profileProps={organizationProfileProps}
            onClose={() => setDialog(false)}
          />
        </Suspense>
      ) : null}
    </div>
  )
}
