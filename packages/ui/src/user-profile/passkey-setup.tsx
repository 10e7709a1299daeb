import type { ReactNode } from 'react'
import { useUser } from '@plinto/react'
import { Card } from '../elements/card'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { enAccount } from '../localization/en-account'
import { PasskeysPanel } from './passkeys-section'

/**
 * Props of {@link PasskeySetup}.
 *
 * @example
 * ```tsx
 * const props: PasskeySetupProps = { afterAddUrl: '/dashboard' }
 * ```
 */
export interface PasskeySetupProps extends PresentationProps, RootAttributes {
  /** Called after a passkey was added. */
  onAdded?: () => void
  /** Where to go then (through the provider's `navigate`). */
  afterAddUrl?: string
}

/**
 * Passkeys on a page of their own — the same parts as UserProfile's Security pane: add one with the browser's
 * prompt (explained where the browser or device cannot create one), and the user's passkeys, each renamed or
 * deleted (after a confirmation) from its row's menu. Renders nothing unless someone is signed in.
 *
 * @example
 * ```tsx
 * // after sign-up: "Sign in faster next time"
 * <SignedIn>
 *   <PasskeySetup afterAddUrl="/dashboard" />
 * </SignedIn>
 * ```
 */
export function PasskeySetup(props: PasskeySetupProps): ReactNode {
  const { appearance, localization, unstyled, onAdded, afterAddUrl, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { user } = useUser()
  if (!user) return null
  return (
    <Card {...rest} ui={ui} title={t.account.passkeySetupTitle} subtitle={t.account.passkeySetupSubtitle}>
      <PasskeysPanel
        ui={ui}
        onAdded={() => {
          onAdded?.()
          if (afterAddUrl !== undefined) ui.navigate(afterAddUrl)
        }}
      />
    </Card>
  )
}
