import type { ReactNode } from 'react'
import { useMfa, useUser } from '@plinto/react'
import { Card } from '../elements/card'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { enAccount } from '../localization/en-account'
import { MfaBadge, MfaPanel, type MfaMethod } from './mfa-section'

export type { MfaMethod } from './mfa-section'

/**
 * Props of {@link MfaSetup}.
 *
 * @example
 * ```tsx
 * const props: MfaSetupProps = { methods: ['totp'], afterSetupUrl: '/dashboard' }
 * ```
 */
export interface MfaSetupProps extends PresentationProps, RootAttributes {
  /** The methods offered, in this order: `totp` (authenticator app), `sms` (text messages). Default both. */
  methods?: readonly MfaMethod[]
  /** Called when a method is on (after its backup codes, if any, were acknowledged). */
  onComplete?: (method: MfaMethod) => void
  /** Where to go then (through the provider's `navigate`), e.g. back to where the person came from. */
  afterSetupUrl?: string
}

/**
 * Two-step verification set-up on a page of its own — the same parts as UserProfile's Security pane: the
 * authenticator app (QR code, key to type instead, first code, then backup codes shown once) and text
 * messages (number, texted code); once on, new backup codes or turning a method off. Renders nothing
 * unless someone is signed in.
 *
 * @example
 * ```tsx
 * // on /settings/two-step, linked from a "Protect your account" banner
 * <SignedIn>
 *   <MfaSetup methods={['totp']} afterSetupUrl="/dashboard" />
 * </SignedIn>
 * ```
 */
export function MfaSetup(props: MfaSetupProps): ReactNode {
  const { appearance, localization, unstyled, methods, onComplete, afterSetupUrl, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { user } = useUser()
  const mfa = useMfa()
  if (!user) return null
  return (
    <Card
      {...rest}
      ui={ui}
      title={t.account.mfaSetupTitle}
      subtitle={
        <>
          {t.account.mfaSetupSubtitle} <MfaBadge ui={ui} mfa={mfa} />
        </>
      }
    >
      <MfaPanel
        ui={ui}
        mfa={mfa}
        methods={methods}
        headingLevel={2}
        onEnabled={(method) => {
          onComplete?.(method)
          if (afterSetupUrl !== undefined) ui.navigate(afterSetupUrl)
        }}
      />
    </Card>
  )
}
