import { UserProfile } from '@plinto/ui'
import { useDocumentTitle } from '../hooks/use-document-title'

/** `/account` (signed in only): profile, password, two-step verification, passkeys and sessions. */
export function AccountPage() {
  useDocumentTitle('Your account')
  return <UserProfile />
}
