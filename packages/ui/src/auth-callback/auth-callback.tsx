import { useRef, useState, type ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import type { User } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { LinkButton } from '../elements/link-button'
import { Notice } from '../elements/notice'
import { BusyIndicator } from '../elements/busy-indicator'
import type { RootAttributes } from '../internal/root-attributes'
import { forgetUrlParam } from '../internal/url-param'
import { useOncePerToken } from '../internal/use-once-per-token'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { useUrlToken } from '../internal/use-url-token'

/**
 * Props of {@link AuthCallback}.
 *
 * @example
 * ```tsx
 * const props: AuthCallbackProps = { redirectUrl: '/dashboard', signInUrl: '/sign-in' }
 * ```
 */
export interface AuthCallbackProps extends PresentationProps, RootAttributes {
  /** Where to go once signed in (through the provider's `navigate`). Default `/`. */
  redirectUrl?: string
  /** Called with the user once signed in, instead of navigating to `redirectUrl`. */
  afterSignIn?: (user: User) => void
  /** "Back to sign in" on a failed link points here. */
  signInUrl?: string
}

/**
 * The page a magic link lands on (`/auth/callback?magic_token=…`): signs the user in with the token,
 * removes it from the address bar, and navigates on. An expired or used link says so. Put its URL in
 * `<SignIn magicLinkUrl>`.
 *
 * @example
 * ```tsx
 * // on /auth/callback
 * <AuthCallback redirectUrl="/dashboard" signInUrl="/sign-in" />
 * ```
 */
export function AuthCallback(props: AuthCallbackProps): ReactNode {
  const { appearance, localization, unstyled, redirectUrl = '/', afterSignIn, signInUrl, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style)
  const { t } = ui
  const { verifyMagicLink } = useAuth()
  const { token, ready } = useUrlToken(undefined, 'magic_token')
  const [failed, setFailed] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)

  useOncePerToken(token, async (value) => {
    forgetUrlParam('magic_token')
    try {
      const { user } = await verifyMagicLink(value)
      if (afterSignIn) afterSignIn(user)
      else ui.navigate(redirectUrl)
    } catch {
      // Whatever the cause (expired, used, offline), the way forward is the same: a new link.
      setFailed(true)
    }
  })

  if (failed || (ready && !token)) {
    return (
      <Card {...rest} ui={ui} title={t.authCallback.failedTitle} headingRef={heading}>
        <Notice ui={ui} heading={heading}>
          <p>{t.authCallback.failedBody}</p>
          {signInUrl !== undefined ? (
            <LinkButton ui={ui} href={signInUrl}>
              {t.authCallback.backToSignIn}
            </LinkButton>
          ) : null}
        </Notice>
      </Card>
    )
  }
  return (
    <Card {...rest} ui={ui} title={t.authCallback.verifying} headingRef={heading} aria-busy="true">
      <BusyIndicator ui={ui} />
    </Card>
  )
}
