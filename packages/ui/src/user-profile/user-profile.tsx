import type { ReactNode } from 'react'
import { useUser } from '@plinto/react'
import { Card } from '../elements/card'
import { Panes } from '../elements/panes'
import type { RootAttributes } from '../internal/root-attributes'
import { usePane, type PaneRouting } from '../internal/use-pane'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { enAccount } from '../localization/en-account'
import {
  ALL_SECTIONS,
  USER_PROFILE_PANES,
  USER_PROFILE_SECTIONS,
  type UserProfilePane,
  type UserProfileSection,
} from './sections'

export type { UserProfilePane, UserProfileSection } from './sections'

/**
 * Props of {@link UserProfile}.
 *
 * @example
 * ```tsx
 * const props: UserProfileProps = { sections: ['profile', 'password', 'sessions'], routing: 'hash' }
 * ```
 */
export interface UserProfileProps extends PresentationProps, RootAttributes {
  /**
   * Which sections to show, in this order within their panes. Default: all but `phone` (profile, connectedAccounts,
   * deleteAccount; password, mfa, passkeys; sessions); list `'phone'` to show the account's phone number and its verification.
   * Panes left without a section are not offered; with a single pane there is no navigation.
   */
  sections?: readonly UserProfileSection[]
  /** The pane shown (controlled, with `onPaneChange`). */
  pane?: UserProfilePane
  /** The pane shown first when uncontrolled. Default: the first pane with a section (Account). */
  defaultPane?: UserProfilePane
  /** Called when the person opens another pane. */
  onPaneChange?: (pane: UserProfilePane) => void
  /** `hash` keeps the pane in the URL (`/account#security`): linkable, and the back button works. Default `virtual`. */
  routing?: PaneRouting
}

/**
 * The signed-in user's account settings as navigable panes: **Account** (names, username, picture URL),
 * **Security** (password, two-step verification with an authenticator app and QR code, backup codes and text
 * messages; passkeys) and **Sessions** (the devices signed in, each signed out from its row's menu after a
 * confirmation, or all others at once). The navigation is a tab list (arrow keys, Home/End; Enter or a click
 * opens the pane and moves focus to its heading); below 36rem of width it becomes a scroller above the pane.
 * Works as a page and inside a dialog (`UserButton` opens it in one). Each section loads its own data
 * through the shared cache of `@plinto/react`, shows errors in words with a retry, and announces successes.
 * Renders nothing unless someone is signed in.
 *
 * @example
 * ```tsx
 * // on /account
 * <SignedIn>
 *   <UserProfile routing="hash" />
 * </SignedIn>
 * ```
 */
export function UserProfile(props: UserProfileProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    sections = ALL_SECTIONS,
    pane,
    defaultPane,
    onPaneChange,
    routing = 'virtual',
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { user } = useUser()
  const shown = USER_PROFILE_PANES.filter((entry) =>
    sections.some((section) => USER_PROFILE_SECTIONS[section]?.pane === entry.id),
  )
  const [active, setActive] = usePane({
    available: shown.map((entry) => entry.id),
    pane,
    defaultPane,
    onChange: onPaneChange,
    routing,
  })
  if (!user) return null
  return (
    <Card {...rest} ui={ui} wide title={ui.t.userProfile.title} subtitle={user.email}>
      <Panes
        ui={ui}
        label={ui.t.account.userPanes}
        active={active ?? 'account'}
        onChange={setActive}
        panes={shown.map((entry) => ({
          id: entry.id,
          label: entry.label(ui.t),
          // Only the active pane's sections are rendered (Panes mounts the active pane alone).
          content:
            entry.id === active
              ? sections
                  .filter((section) => USER_PROFILE_SECTIONS[section]?.pane === entry.id)
                  .map((section) => USER_PROFILE_SECTIONS[section].render({ ui, user }))
              : null,
        }))}
      />
    </Card>
  )
}
