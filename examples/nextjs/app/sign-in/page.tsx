import { RedirectWhenSignedIn } from '@plinto/nextjs/client'
import { safeReturnPath } from '@plinto/nextjs/server'
import { SignIn } from '@plinto/ui'
import type { Metadata } from 'next'
import { headers } from 'next/headers'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const redirectUrl = safeReturnPath((await searchParams).redirect_url, '/dashboard')
  // Magic links come back to this app's /auth/callback, on the origin the browser uses.
  const list = await headers()
  const origin = `${list.get('x-forwarded-proto') ?? 'http'}://${list.get('x-forwarded-host') ?? list.get('host')}`
  return (
    <main className="narrow">
      <RedirectWhenSignedIn redirectUrl={redirectUrl}>
        <SignIn
          signUpUrl={`/sign-up?redirect_url=${encodeURIComponent(redirectUrl)}`}
          magicLinkUrl={`${origin}/auth/callback`}
        />
      </RedirectWhenSignedIn>
    </main>
  )
}
