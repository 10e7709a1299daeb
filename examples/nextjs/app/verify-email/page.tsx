import { VerifyEmail } from '@plinto/ui'
import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Verify your email' }

/** The page the verification email links to (`/verify-email?token=…`): VerifyEmail reads the token itself. */
export default function VerifyEmailPage() {
  return (
    <main className="narrow">
      <VerifyEmail redirectUrl="/dashboard" />
    </main>
  )
}
