import { SignUp, useUser } from '@plinto/ui'
import { useNavigate } from 'react-router'
import { DevInboxLink } from '../components/dev-inbox-link'
import { useDocumentTitle } from '../hooks/use-document-title'
import { useRedirectParam } from '../hooks/use-redirect-param'
import { forgetReturnTo, withReturnTo } from '../return-to'

/**
 * `/sign-up`: the account form. The new user is signed in at once, with an unverified address, and sees
 * "Verify your email" (send again, the dev inbox on a development server) and "Continue" (to `?redirect=`
 * or the dashboard).
 */
export function SignUpPage() {
  useDocumentTitle('Create account')
  const navigate = useNavigate()
  const { user } = useUser()
  const requested = useRedirectParam()

  return (
    <div className="auth-page">
      <SignUp
        afterSignUp={() => {
          forgetReturnTo()
          void navigate(requested ?? '/dashboard')
        }}
        signInUrl={requested ? withReturnTo('/sign-in', requested) : '/sign-in'}
        emailCode
      />
      {user && !user.email_verified ? <DevInboxLink email={user.email} /> : null}
    </div>
  )
}
