import { useRef, type ReactNode } from 'react'
import { useUser } from '@plinto/react'
import { Card } from '../elements/card'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { MfaSection } from './mfa-section'
import { PasskeysSection } from './passkeys-section'
import { PasswordSection } from './password-section'
import { PhoneSection, type PHONE_SECTION } from './phone-section'
import { ProfileSection } from './profile-section'
import { SessionsSection } from './sessions-section'
import { enAccount } from '../localization/en-account'

/**
 * The sections {@link UserProfile} can show.
 *
 * @example
 * ```tsx
 * const sections: UserProfileSection[] = ['profile', 'sessions']
 * ```
 */
export type UserProfileSection = 'profile' | 'password' | 'mfa' | 'passkeys' | 'sessions' | typeof PHONE_SECTION

const ALL_SECTIONS: readonly UserProfileSection[] = ['profile', 'password', 'mfa', 'passkeys', 'sessions']

/**
 * Props of {@link UserProfile}.
 *
 * @example
 * ```tsx
 * const props: UserProfileProps = { sections: ['profile', 'password', 'sessions'] }
 * ```
 */
export interface UserProfileProps extends PresentationProps, RootAttributes {
  /**
   * Which sections to show, in this order. Default: profile, password, mfa, passkeys, sessions; `'phone'` (the
   * account's phone number and its verification) is shown when listed.
   */
  sections?: readonly UserProfileSection[]
}

/**
 * The signed-in user's account page: profile (names, username, picture URL), password change, two-step
 * verification (authenticator app with QR code and backup codes, text messages), passkeys (add, rename,
 * delete; explained where the browser has none) and active sessions (sign one out, or all others).
 * Each section loads its own data through the shared cache of `@plinto/react`, shows errors in words,
 * and announces successes. Renders nothing unless someone is signed in.
 *
 * @example
 * ```tsx
 * // on /account
 * <SignedIn>
 *   <UserProfile />
 * </SignedIn>
 * ```
 */
export function UserProfile(props: UserProfileProps): ReactNode {
  const { appearance, localization, unstyled, sections = ALL_SECTIONS, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { user } = useUser()
  const heading = useRef<HTMLHeadingElement>(null)
  if (!user) return null
  return (
    <Card {...rest} ui={ui} wide title={ui.t.userProfile.title} subtitle={user.email} headingRef={heading}>
      {sections.map((section) => {
        switch (section) {
          case 'profile':
            // Keyed by the user: fields start from the saved data of whoever is signed in.
            return <ProfileSection key={`profile-${user.id}`} ui={ui} user={user} />
          case 'password':
            return <PasswordSection key="password" ui={ui} />
          case 'mfa':
            return <MfaSection key="mfa" ui={ui} />
          case 'passkeys':
            return <PasskeysSection key="passkeys" ui={ui} />
          case 'sessions':
            return <SessionsSection key="sessions" ui={ui} />
          case 'phone':
            return <PhoneSection key="phone" ui={ui} />
          default:
            return null
        }
      })}
    </Card>
  )
}
