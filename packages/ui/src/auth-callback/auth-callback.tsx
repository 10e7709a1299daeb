import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { useAuth, usePlinto } from '@plinto/react'
import { isPlintoError, type User } from '@plinto/typescript-sdk'
import { BusyIndicator } from '../elements/busy-indicator'
import { Card } from '../elements/card'
import { LinkButton } from '../elements/link-button'
import { Notice } from '../elements/notice'
import type { RootAttributes } from '../internal/root-attributes'
import { forgetUrlParam } from '../internal/url-param'
import { useOncePerToken } from '../internal/use-once-per-token'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { useUrlToken } from '../internal/use-url-token'
import { MfaStep } from '../sign-in/mfa-step'
import { useMfaStep } from '../sign-in/use-mfa-step'
import { withLinkResult } from '../internal/link-result'
import { enAccount } from '../localization/en-account'

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
  /** "Back to sign in" on a failed link or OAuth return points here. */
  signInUrl?: string
}

type Failure = 'magicLink' | 'oauthState' | 'oauth' | 'mfaExpired' | 'mfaUnsupported'
const OAUTH_PARAMS = ['code', 'state', 'error', 'error_description', 'iss', 'scope'] as const
const subscribeNever = () => () => {}

/** The OAuth return URL (`?state` with `code` or `error`), read once after hydration; undefined otherwise. */
function useOAuthReturn(): string | undefined {
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  )
  const captured = useRef<string | null | undefined>(undefined)
  if (hydrated && captured.current === undefined) {
    const params = new URLSearchParams(window.location.search)
    captured.current = params.has('state') && (params.has('code') || params.has('error')) ? window.location.href : null
  }
  return captured.current ?? undefined
}

/**
 * The page the browser returns to after a magic link (`?magic_token=…`) or an OAuth provider
 * (`?code=…&state=…`): finishes the sign-in, removes the one-time values from the address bar, and
 * navigates on. An account with two-step verification gets the code step here, as in `<SignIn>`. A used
 * or expired link and an OAuth return this browser did not start (`OAUTH_STATE_MISMATCH`) say so in
 * words. Put its URL in `<SignIn magicLinkUrl oauthRedirectUrl>`.
 *
 * @example
 * ```tsx
 * // on /auth/callback
 * <AuthCallback redirectUrl="/dashboard" signInUrl="/sign-in" />
 * ```
 */
export function AuthCallback(props: AuthCallbackProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    redirectUrl = '/',
    afterSignIn,
    signInUrl,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { verifyMagicLink } = useAuth()
  const { client } = usePlinto()
  const { token, ready } = useUrlToken(undefined, 'magic_token')
  const oauthReturn = useOAuthReturn()
  const [failed, setFailed] = useState<Failure>()
  const heading = useRef<HTMLHeadingElement>(null)

  const signedIn = (user: User) => {
    if (afterSignIn) afterSignIn(user)
    else ui.navigate(redirectUrl)
  }

  // The link or the OAuth code is spent once the server asks for the second factor: the same step as in
  // <SignIn> finishes the sign-in here.
  const mfa = useMfaStep(ui, {
    onSignedIn: signedIn,
    onExpired: () => setFailed('mfaExpired'),
    onBack: () => (signInUrl !== undefined ? ui.navigate(signInUrl) : setFailed(token ? 'magicLink' : 'oauth')),
  })
  /** Continues into the MFA step; true unless `error` is something else. */
  const continuedWithMfa = (error: unknown) => {
    const outcome = mfa.start(error)
    if (outcome === 'unsupported') setFailed('mfaUnsupported')
    return outcome !== undefined
  }

  // `useUrlToken` has already taken `magic_token` out of the address bar.
  useOncePerToken(token, async (value) => {
    try {
      signedIn((await verifyMagicLink(value)).user)
    } catch (error) {
      // Any other cause (expired, used, offline) has the same way forward: a new link.
      if (!continuedWithMfa(error)) setFailed('magicLink')
    }
  })

  useOncePerToken(token ? undefined : oauthReturn, async (url) => {
    for (const param of OAUTH_PARAMS) forgetUrlParam(param)
    try {
      // A provider linked from the connected accounts section: back to where it started, with the outcome.
      const linked = await client.auth.handleOAuthLinkCallback(url)
      if (linked) return ui.navigate(withLinkResult(linked.returnTo, redirectUrl, linked.error?.code ?? 'linked'))
      signedIn((await client.auth.handleOAuthCallback(url)).user)
    } catch (error) {
      if (!continuedWithMfa(error))
        setFailed(isPlintoError(error) && error.code === 'OAUTH_STATE_MISMATCH' ? 'oauthState' : 'oauth')
    }
  })

  if (mfa.step) {
    return (
      <Card {...rest} ui={ui} title={mfa.step.title} subtitle={mfa.step.subtitle} headingRef={heading}>
        <MfaStep {...mfa.step.props} />
      </Card>
    )
  }

  if (failed || (ready && !token && !oauthReturn)) {
    // Only a link that did not work is "this link does not work"; the rest (OAuth, the MFA step) "did not complete".
    const reason = failed ?? 'magicLink'
    const body = {
      magicLink: t.authCallback.failedBody,
      oauthState: t.authCallback.oauthStateMismatchBody,
      oauth: t.authCallback.oauthFailedBody,
      mfaExpired: t.errors.mfaExpired,
      mfaUnsupported: t.errors.mfaUnsupported,
    }[reason]
    return (
      <Card
        {...rest}
        ui={ui}
        title={reason === 'magicLink' ? t.authCallback.failedTitle : t.authCallback.oauthFailedTitle}
        headingRef={heading}
      >
        <Notice ui={ui} heading={heading}>
          <p>{body}</p>
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
