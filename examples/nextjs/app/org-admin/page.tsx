import { auth } from '@plinto/nextjs/server'
import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Organization admin' }

/** Admins and owners of the active organization only: anyone else gets the 404 page, rendered on the server. */
export default async function OrgAdminPage() {
  const { orgId, orgRole } = (await auth()).protect({ role: 'admin' })
  return (
    <main>
      <h1>Organization admin</h1>
      <p data-testid="org-admin">
        You are {orgRole} of {orgId}.
      </p>
    </main>
  )
}
