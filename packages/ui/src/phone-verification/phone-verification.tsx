import { useState, type ReactNode } from 'react'
import { useUser } from '@plinto/react'
import type { User } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { StatusMessage } from '../elements/status-message'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { enAccount } from '../localization/en-account'
import { PhoneVerificationFlow } from './phone-verification-flow'

/**
 * Props of {@link PhoneVerification}.
 *
 * @example
 * ```tsx
 * const props: PhoneVerificationProps = { onVerified: (user) => console.log(user.phone_number) }
 * ```
 */
export interface PhoneVerificationProps extends PresentationProps, RootAttributes {
  /** Runs once the code is confirmed, with the user (`phone_verified: true`). */
  onVerified?: (user: User) => void
}

/**
 * Verifies the signed-in user's phone number, on a page of its own: enter the number (E.164, checked before
 * sending) → enter the 6-digit code texted to it (resend after the cooldown, or use another number) → verified,
 * with "Change number" and "Remove number". A wrong, expired or used-up code and too many requests are explained
 * in words. The number is an account attribute (`user.phone_verified`), not the SMS second factor (`UserProfile`'s
 * two-step section). Renders nothing unless someone is signed in. Not part of the sign-in components' import
 * graph: a page that renders it loads it.
 *
 * @example
 * ```tsx
 * // on /verify-phone
 * <SignedIn>
 *   <PhoneVerification onVerified={() => navigate('/dashboard')} />
 * </SignedIn>
 * ```
 */
export function PhoneVerification(props: PhoneVerificationProps): ReactNode {
  const { appearance, localization, unstyled, onVerified, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { user } = useUser()
  const [status, setStatus] = useState<string>()
  if (!user) return null
  return (
    <Card {...rest} ui={ui} title={ui.t.phoneVerification.title} subtitle={ui.t.phoneVerification.subtitle}>
      <StatusMessage ui={ui} message={status} />
      {/* Keyed by the user: another account signing in starts from its own number. */}
      <PhoneVerificationFlow key={user.id} ui={ui} onVerified={onVerified} onStatus={setStatus} />
    </Card>
  )
}
