import { lazy, Suspense, useContext, useState, type MouseEvent, type ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import { MenuAction } from '../elements/menu-action'
import { Popover } from '../elements/popover'
import type { RootAttributes } from '../internal/root-attributes'
import { useMenuButton } from '../internal/use-menu-button'
import { useGuardedAction } from '../internal/use-guarded-action'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { UiContext } from '../ui-context'
import { Avatar } from '../elements/avatar'
import { Menu } from '../elements/menu'
import { displayName, fullName } from './display-name'
import { OrganizationItems } from './organization-items'
import type { UserProfileProps } from '../user-profile/user-profile'

// The account dialog and UserProfile load when "Manage account" is chosen, never with the button.
const UserProfileDialog = /* @__PURE__ */ lazy(() => import('./user-profile-dialog'))

/**
 * Props of {@link UserButton}.
 *
 * @example
 * ```tsx
 * const props: UserButtonProps = { userProfileUrl: '/account', afterSignOutUrl: '/' }
 * ```
 */
export interface UserButtonProps extends PresentationProps, RootAttributes {
  /**
   * What "Manage account" does: `modal` opens `<UserProfile/>` in a dialog over the page (loaded on demand:
   * apps that never open it never download it); `navigation` links to `userProfileUrl`. Default: `navigation`
   * when `userProfileUrl` is given, else `modal`.
   */
  userProfileMode?: 'modal' | 'navigation'
  /** The account page (one that renders `<UserProfile />`), for `userProfileMode: 'navigation'`. */
  userProfileUrl?: string
  /** Props of the `<UserProfile/>` in the dialog (`defaultPane`, `sections`…). */
  userProfileProps?: UserProfileProps
  /**
   * Makes "Manage account" a button calling this instead (your own dialog or router); wins over both modes.
   */
  onManageAccount?: () => void
  /** Lists the user's organizations in the menu to switch the active one. Default `true`. */
  showOrganizations?: boolean
  /** Where to go after signing out (through the provider's `navigate`). Default: stay. */
  afterSignOutUrl?: string
  /** Show the user's name next to the avatar. Default false. */
  showName?: boolean
}

/**
 * The signed-in user's avatar (picture or initials) as a menu button: "Manage account" (opens `<UserProfile/>`
 * in a modal dialog, or links to your account page), the user's organizations (switch the active one) and
 * "Sign out". The dialog traps focus, closes with Escape or its close button and returns focus to the avatar.
 * Its accessible name includes the user's name (or email). Keyboard: Enter, Space or ArrowDown open the
 * menu on the first item, ArrowUp on the last; arrows move; Escape closes and returns focus to the
 * button. Renders nothing unless someone is signed in.
 *
 * @example
 * ```tsx
 * <header>
 *   <Logo />
 *   <UserButton userProfileUrl="/account" afterSignOutUrl="/" />
 * </header>
 * ```
 */
export function UserButton(props: UserButtonProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    userProfileMode = props.userProfileUrl !== undefined ? 'navigation' : 'modal',
    userProfileUrl,
    userProfileProps,
    onManageAccount,
    showOrganizations = true,
    afterSignOutUrl,
    showName = false,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style)
  const { t } = ui
  const { user, signOut } = useAuth()
  const { open, root, triggerId, menuId, close, triggerProps } = useMenuButton()
  const [dialog, setDialog] = useState(false)
  const uiOptions = useContext(UiContext)
  const modal = onManageAccount === undefined && userProfileMode === 'modal'

  const [runSignOut, signingOut] = useGuardedAction(async () => {
    await signOut() // never rejects: the local sign-out always happens
    if (afterSignOutUrl !== undefined) ui.navigate(afterSignOutUrl)
  })

  if (!user) return null
  const name = displayName(user)

  const onSignOutClick = (event: MouseEvent) => {
    event.preventDefault()
    void runSignOut()
  }

  return (
    <div
      {...rest}
      ref={root}
      lang={ui.rootProps.lang}
      data-plinto-theme={ui.rootProps['data-plinto-theme']}
      className={[ui.rootProps.className, ui.cx('userButton')].filter(Boolean).join(' ') || undefined}
      style={ui.rootProps.style}
    >
      <button {...triggerProps} className={ui.cx('userButtonTrigger')} aria-label={t.userButton.trigger(name)}>
        <Avatar ui={ui} name={fullName(user)} email={user.email} imageUrl={user.profile_image_url} />
        {showName ? <span className={ui.cx('userButtonName')}>{name}</span> : null}
      </button>
      {open ? (
        <Popover ui={ui} element="userButtonPopover">
          <div className={ui.cx('userButtonIdentity')}>
            <strong>{name}</strong>
            {name !== user.email ? <span>{user.email}</span> : null}
          </div>
          <Menu ui={ui} id={menuId} labelledBy={triggerId} initialFocus={open} onClose={close}>
            <MenuAction
              ui={ui}
              href={onManageAccount || modal ? undefined : userProfileUrl}
              onSelect={modal ? () => setDialog(true) : onManageAccount}
              // Into the dialog, focus goes from the button, so that it returns there when the dialog closes.
              onClose={() => close(modal)}
            >
              {t.userButton.manageAccount}
            </MenuAction>
            {showOrganizations ? <OrganizationItems ui={ui} onSwitched={() => close(true)} /> : null}
            <button
              role="menuitem"
              type="button"
              tabIndex={-1}
              className={ui.cx('userButtonMenuItem')}
              aria-busy={signingOut}
              aria-disabled={signingOut}
              onClick={onSignOutClick}
            >
              {signingOut ? t.userButton.signingOut : t.userButton.signOut}
            </button>
          </Menu>
        </Popover>
      ) : null}
      {dialog ? (
        <Suspense fallback={null}>
          <UserProfileDialog
            appearance={appearance}
            localization={localization}
            unstyled={unstyled}
            context={uiOptions}
            profileProps={userProfileProps}
            onClose={() => setDialog(false)}
          />
        </Suspense>
      ) : null}
    </div>
  )
}
