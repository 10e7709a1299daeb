import { SignIn } from '@plinto/ui'
import { useNavigate } from 'react-router'
import { useDocumentTitle } from '../hooks/use-document-title'
import { useRedirectParam } from '../hooks/use-redirect-param'
import { forgetReturnTo, withReturnTo } from '../return-to'

/**
 * `/sign-in`: password (with the two-step step), passkey, magic link, emailed code and OAuth. Signed in, it goes back to
 * `?redirect=` (the page that sent the user here) or the dashboard.
 */
export function SignInPage() {
  useDocumentTitle('Sign in')
  const navigate = useNavigate()
  const requested = useRedirectParam()

  return (
    <div className="auth-page">
      <SignIn
        afterSignIn={() => {
          forgetReturnTo()
          // `replace`: Back should not return to the sign-in form.
          void navigate(requested ?? '/dashboard', { replace: true })
        }}
        forgotPasswordUrl="/forgot-password"
        signUpUrl={requested ? withReturnTo('/sign-up', requested) : '/sign-up'}
        magicLinkUrl={`${window.location.origin}/auth/callback`}
        // The dev server (`pnpm start`) runs with --email-codes on.
        emailCode
      />
    </div>
  )
}
