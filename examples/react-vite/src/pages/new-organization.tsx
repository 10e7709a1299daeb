import { CreateOrganization } from '@plinto/ui'
import { useDocumentTitle } from '../hooks/use-document-title'

/** `/organizations/new` (signed in only): the user becomes the owner, and it becomes the active organization. */
export function NewOrganizationPage() {
  useDocumentTitle('Create an organization')
  return (
    <div className="auth-page">
      <CreateOrganization redirectUrl="/organization" />
    </div>
  )
}
