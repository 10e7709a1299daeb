import { UserProfile } from '@plinto/ui'
import { useDocumentTitle } from '../hooks/use-document-title'

/**
 * `/account` (signed in only): the Account, Security and Sessions panes; the pane is kept in the URL's hash
 * (`/account#security`), so it survives a reload and can be linked to.
 */
export function AccountPage() {
  useDocumentTitle('Your account')
  return <UserProfile routing="hash" />
}
