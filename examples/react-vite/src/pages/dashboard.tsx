import { useEffect } from 'react'
import { useOrganization, usePlinto } from '@plinto/ui'
import { Link } from 'react-router'
import { VerifyEmailReminder } from '../components/verify-email-reminder'
import { useDocumentTitle } from '../hooks/use-document-title'
import { ROLE_NAMES } from '../role-names'

/**
 * `/dashboard` (signed in only): the user and the active organization, with the way to the account and
 * organization pages.
 */
export function DashboardPage() {
  useDocumentTitle('Dashboard')
  const { user, refreshUser } = usePlinto()
  const organization = useOrganization()

  // Re-read the user from the server on arrival: the address may have been verified in another tab, and
  // a session ended from another device is noticed here (the client then signs out).
  useEffect(() => {
    void refreshUser().catch(() => undefined)
  }, [refreshUser])

  if (!user) return null
  return (
    <div className="dashboard">
      <h1>Welcome, {user.first_name ?? user.email}</h1>
      {user.email_verified ? null : <VerifyEmailReminder email={user.email} />}
      <div className="grid">
        <section className="card" aria-labelledby="account-title">
          <h2 id="account-title">Your account</h2>
          <dl className="facts">
            <dt>Email</dt>
            <dd>
              {user.email}{' '}
              <span className={user.email_verified ? 'badge badge-ok' : 'badge badge-warn'}>
                {user.email_verified ? 'verified' : 'not verified'}
              </span>
            </dd>
            <dt>Two-step verification</dt>
            <dd>{user.mfa_enabled ? 'On' : 'Off'}</dd>
            <dt>Member since</dt>
            <dd>{new Date(user.created_at).toLocaleDateString()}</dd>
            <dt>User ID</dt>
            <dd>
              <code>{user.id}</code>
            </dd>
          </dl>
          <Link to="/account">Manage your account</Link>
        </section>
        <section className="card" aria-labelledby="organization-title">
          <h2 id="organization-title">Organization</h2>
          {organization.organizationId === null ? (
            <p>You are using your personal account. Create an organization to work with your team.</p>
          ) : organization.data ? (
            <dl className="facts">
              <dt>Active organization</dt>
              <dd>{organization.data.name}</dd>
              <dt>Your role</dt>
              <dd>{ROLE_NAMES[organization.data.role]}</dd>
              <dt>Members</dt>
              <dd>{organization.data.member_count}</dd>
            </dl>
          ) : (
            <p aria-busy={organization.isLoading}>
              {organization.isLoading ? 'Loading…' : 'We could not load this organization.'}
            </p>
          )}
          <p className="links">
            {organization.organizationId === null ? null : <Link to="/organization">Organization settings</Link>}
            <Link to="/organizations/new">Create an organization</Link>
          </p>
        </section>
      </div>
    </div>
  )
}
