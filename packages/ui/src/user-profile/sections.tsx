// The registry of UserProfile: its panes, and each section with the pane it belongs to. Adding a section
// (phone number, connected accounts…) is its key in UserProfileSection and one entry in USER_PROFILE_SECTIONS
// (the compiler asks for the entry); the `sections` prop, the panes shown and the default order follow.

import type { ReactNode } from 'react'
import type { User } from '@plinto/typescript-sdk'
import type { PlintoLocalization } from '../localization/localization'
import type { Ui } from '../internal/use-ui'
import { CONNECTED_ACCOUNTS_SECTION, ConnectedAccountsSection } from './connected-accounts-section'
import { DELETE_ACCOUNT_SECTION, DeleteAccountSection } from './delete-account-section'
import { MfaSection } from './mfa-section'
import { PasskeysSection } from './passkeys-section'
import { PasswordSection } from './password-section'
import { PHONE_SECTION, PhoneSection } from './phone-section'
import { ProfileSection } from './profile-section'
import { SessionsSection } from './sessions-section'

/**
 * The panes of {@link UserProfile}, in the order of its navigation.
 *
 * @example
 * ```tsx
 * <UserProfile defaultPane="security" />
 * ```
 */
export type UserProfilePane = 'account' | 'security' | 'sessions'

/** The panes in order, with their names. */
export const USER_PROFILE_PANES: readonly { id: UserProfilePane; label: (t: PlintoLocalization) => string }[] = [
  { id: 'account', label: (t) => t.account.paneAccount },
  { id: 'security', label: (t) => t.account.paneSecurity },
  { id: 'sessions', label: (t) => t.account.paneSessions },
]

/** What a section's renderer gets. */
export interface SectionContext {
  ui: Ui
  user: User
}

interface SectionEntry {
  pane: UserProfilePane
  render: (context: SectionContext) => ReactNode
}

/**
 * The sections {@link UserProfile} can show: `profile`, `phone`, `connectedAccounts` and `deleteAccount` (Account pane),
 * `password`, `mfa`, `passkeys` (Security pane) and `sessions` (Sessions pane). `phone` is shown only when
 * listed (an app opts in once its server can send texts).
 *
 * @example
 * ```tsx
 * const sections: UserProfileSection[] = ['profile', 'sessions']
 * ```
 */
export type UserProfileSection =
  | 'profile'
  | typeof PHONE_SECTION
  | typeof CONNECTED_ACCOUNTS_SECTION
  | typeof DELETE_ACCOUNT_SECTION
  | 'password'
  | 'mfa'
  | 'passkeys'
  | 'sessions'

/** Every section, in the default order, with the pane it is shown in. */
export const USER_PROFILE_SECTIONS: Record<UserProfileSection, SectionEntry> = {
  // Keyed by the user: fields start from the saved data of whoever is signed in.
  profile: {
    pane: 'account',
    render: ({ ui, user }) => <ProfileSection key={`profile-${user.id}`} ui={ui} user={user} />,
  },
  [PHONE_SECTION]: { pane: 'account', render: ({ ui }) => <PhoneSection key={PHONE_SECTION} ui={ui} /> },
  [CONNECTED_ACCOUNTS_SECTION]: {
    pane: 'account',
    render: ({ ui }) => <ConnectedAccountsSection key={CONNECTED_ACCOUNTS_SECTION} ui={ui} />,
  },
  // Last in the Account pane, as Clerk shows it (by default too): the one irreversible action comes last.
  [DELETE_ACCOUNT_SECTION]: {
    pane: 'account',
    render: ({ ui }) => <DeleteAccountSection key={DELETE_ACCOUNT_SECTION} ui={ui} />,
  },
  password: { pane: 'security', render: ({ ui }) => <PasswordSection key="password" ui={ui} /> },
  mfa: { pane: 'security', render: ({ ui }) => <MfaSection key="mfa" ui={ui} /> },
  passkeys: { pane: 'security', render: ({ ui }) => <PasskeysSection key="passkeys" ui={ui} /> },
  sessions: { pane: 'sessions', render: ({ ui }) => <SessionsSection key="sessions" ui={ui} /> },
}

/** The sections shown when `sections` is not given: every one but `phone`, which an app lists to opt in. */
export const ALL_SECTIONS = (Object.keys(USER_PROFILE_SECTIONS) as UserProfileSection[]).filter(
  (section) => section !== PHONE_SECTION,
)
