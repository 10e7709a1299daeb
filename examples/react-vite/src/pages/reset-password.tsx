import { ResetPassword } from '@plinto/ui'
import { useDocumentTitle } from '../hooks/use-document-title'
import { useLinkToken } from '../hooks/use-link-token'

/** `/reset-password?token=…`: the page the reset email links to. Every session of the account ends. */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password')
  const token = useLinkToken()
  // Keyed by the token: another link opened in this tab starts over.
  return (
    <div className="auth-page">
      <ResetPassword key={token} token={token ?? ''} signInUrl="/sign-in" forgotPasswordUrl="/forgot-password" />
    </div>
  )
}
