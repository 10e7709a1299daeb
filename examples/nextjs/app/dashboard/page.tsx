import { auth, currentUser } from '@plinto/nextjs/server'
import { OrganizationSwitcher, UserButton } from '@plinto/ui'
import type { Metadata } from 'next'
import { redirect } from 'next/navigation'

export const metadata: Metadata = { title: 'Dashboard' }

/** A protected page (see proxy.ts), rendered on the server for the user of this request. */
export default async function DashboardPage() {
  const { sessionId, orgId, orgRole, claims } = await auth()
  // The gate checked the token; currentUser() also asks the server whether the session is still alive.
  const user = await currentUser()
  if (!user || !claims) redirect('/sign-in?redirect_url=/dashboard')

  return (
    <main>
      <div className="title-row">
        <h1>Dashboard</h1>
        <OrganizationSwitcher />
        <UserButton afterSignOutUrl="/" showName />
      </div>
      <dl aria-label="Your session">
        <dt>Email</dt>
        <dd data-testid="user-email">{user.email}</dd>
        <dt>Session ID</dt>
        <dd data-testid="session-id">{sessionId}</dd>
        <dt>Organization</dt>
        <dd data-testid="org-id">{orgId ?? 'none'}</dd>
        <dt>Role</dt>
        <dd data-testid="org-role">{orgRole ?? 'none'}</dd>
        <dt>Access token expires</dt>
        <dd>{new Date(claims.exp * 1000).toISOString()}</dd>
      </dl>
    </main>
  )
}
