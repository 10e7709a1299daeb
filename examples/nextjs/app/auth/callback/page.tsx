import { AuthCallback } from '@plinto/ui'
import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Signing in' }

/** Where magic links (`?magic_token=…`) and OAuth providers (`?code=…&state=…`) bring the browser back. */
export default function AuthCallbackPage() {
  return (
    <main className="narrow">
      <AuthCallback redirectUrl="/dashboard" signInUrl="/sign-in" />
    </main>
  )
}
