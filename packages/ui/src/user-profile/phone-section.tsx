import { useState } from 'react'
import { useUser } from '@plinto/react'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import type { Ui } from '../internal/use-ui'
import { PhoneVerificationFlow } from '../phone-verification/phone-verification-flow'

/**
 * The key of UserProfile's phone-number section (`sections={[…, PHONE_SECTION]}`).
 *
 * @example
 * ```tsx
 * <UserProfile sections={['profile', PHONE_SECTION, 'password']} />
 * ```
 */
export const PHONE_SECTION = 'phone'

/**
 * The account's phone number in UserProfile: its state as a badge, and the same steps as `<PhoneVerification/>`
 * (they share ../phone-verification/phone-verification-flow). Not the SMS second factor (the MFA section).
 */
export function PhoneSection({ ui }: { ui: Ui }) {
  const { t } = ui
  const { user } = useUser()
  const [status, setStatus] = useState<string>()
  if (!user) return null
  const badge = user.phone_number ? (
    <span className={ui.cx('badge', user.phone_verified ? 'on' : undefined)}>
      {user.phone_verified ? t.phoneVerification.verifiedBadge : t.phoneVerification.unverifiedBadge}
    </span>
  ) : null
  return (
    <Section ui={ui} title={t.phoneVerification.sectionTitle} badge={badge}>
      <StatusMessage ui={ui} message={status} />
      <PhoneVerificationFlow key={user.id} ui={ui} onStatus={setStatus} />
    </Section>
  )
}
