import { UserButton } from '@plinto/ui'
import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getCurrentUser } from '../../lib/current-user'

export const metadata: Metadata = { title: 'Dashboard' }

/**
 * A protected page, rendered on the server for the user of this request. Without a valid session it
 * redirects to the sign-in page, which brings the user back here afterwards.
 */
export default async function DashboardPage() {
  const session = await getCurrentUser()
  if (!session) redirect('/sign-in?redirect_url=/dashboard')
  const { user, claims } = session
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ')

  return (
    <main>
      <div className="title-row">
        <h1>Dashboard</h1>
        <UserButton afterSignOutUrl="/" showName />
      </div>
      <p>Everything in this list was rendered on the server, from the verified access token and the Plinto API.</p>
      <dl aria-label="Your session">
        <dt>Name</dt>
        <dd>{name || '(not set)'}</dd>
        <dt>Email</dt>
        <dd data-testid="user-email">{user.email}</dd>
        <dt>Email verified</dt>
        <dd>{user.email_verified ? 'yes' : 'no'}</dd>
        <dt>User ID</dt>
        <dd>{claims.sub}</dd>
        <dt>Session ID</dt>
        <dd data-testid="session-id">{claims.sid}</dd>
        <dt>Access token expires</dt>
        <dd>{new Date(claims.exp * 1000).toISOString()}</dd>
      </dl>
    </main>
  )
}
