import { ForgotPassword } from '@plinto/ui'
import { DevInboxLink } from '../components/dev-inbox-link'
import { useDocumentTitle } from '../hooks/use-document-title'

/** `/forgot-password`: sends the reset link (the answer is the same whether or not the account exists). */
export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password')
  return (
    <div className="auth-page">
      <ForgotPassword signInUrl="/sign-in" />
      <DevInboxLink />
    </div>
  )
}
