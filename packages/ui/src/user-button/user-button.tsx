import type { MouseEvent, ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import { MenuAction } from '../elements/menu-action'
import { Popover } from '../elements/popover'
import type { RootAttributes } from '../internal/root-attributes'
import { useMenuButton } from '../internal/use-menu-button'
import { useGuardedAction } from '../internal/use-guarded-action'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { Avatar } from '../elements/avatar'
import { Menu } from '../elements/menu'
import { displayName, fullName } from './display-name'
import { OrganizationItems } from './organization-items'

/**
 * Props of {@link UserButton}.
 *
 * @example
 * ```tsx
 * const props: UserButtonProps = { userProfileUrl: '/account', afterSignOutUrl: '/' }
 * ```
 */
export interface UserButtonProps extends PresentationProps, RootAttributes {
  /** Adds "Manage account" to the menu, linking here (a page that renders `<UserProfile />`). */
  userProfileUrl?: string
  /**
   * Adds "Manage account" to the menu as a button calling this, e.g. to open `<UserProfile />` in your
   * dialog. (UserButton never imports UserProfile itself, so apps that do not use it do not download it.)
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
 * The signed-in user's avatar (picture or initials) as a menu button: "Manage account" (a link or your
 * handler), the user's organizations (switch the active one) and "Sign out".
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
    userProfileUrl,
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
            <MenuAction ui={ui} href={userProfileUrl} onSelect={onManageAccount} onClose={() => close(false)}>
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
    </div>
  )
}
