import { OrganizationProfile, useOrganization } from '@plinto/ui'
import { Link } from 'react-router'
import { useDocumentTitle } from '../hooks/use-document-title'

/** `/organization` (signed in only): the active organization's details, members and invitations. */
export function OrganizationPage() {
  useDocumentTitle('Organization')
  const { organizationId } = useOrganization()
  return (
    <>
      <OrganizationProfile />
      {organizationId === null ? (
        <p className="below-card">
          <Link to="/organizations/new">Create an organization</Link> or pick one in the switcher at the top.
        </p>
      ) : null}
    </>
  )
}
