import { OrganizationProfile, useOrganization } from '@plinto/ui'
import { Link } from 'react-router'
import { useDocumentTitle } from '../hooks/use-document-title'

/** `/organization` (signed in only): the General, Members and Invitations panes, the pane kept in the URL's hash. */
export function OrganizationPage() {
  useDocumentTitle('Organization')
  const { organizationId } = useOrganization()
  return (
    <>
      <OrganizationProfile routing="hash" />
      {organizationId === null ? (
        <p className="below-card">
          <Link to="/organizations/new">Create an organization</Link> or pick one in the switcher at the top.
        </p>
      ) : null}
    </>
  )
}
