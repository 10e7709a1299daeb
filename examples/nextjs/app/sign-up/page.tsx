import { SignUp } from '@plinto/ui'
import type { Metadata } from 'next'
import { safeReturnPath } from '@plinto/nextjs/server'

export const metadata: Metadata = { title: 'Create an account' }

// A server component can render @plinto/ui's components directly: the package is a client module
// ('use client'), so Next.js renders it on the server and hydrates it in the browser.
export default async function SignUpPage({ searchParams }: PageProps<'/sign-up'>) {
  const redirectUrl = safeReturnPath((await searchParams).redirect_url, '/dashboard')
  return (
    <main className="narrow">
      <SignUp redirectUrl={redirectUrl} signInUrl={`/sign-in?redirect_url=${encodeURIComponent(redirectUrl)}`} />
    </main>
  )
}
