import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { safeRedirectPath } from '../../lib/safe-redirect'
import { SignInFlow } from './sign-in-flow'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const { redirect_url } = await searchParams
  return (
    <main className="narrow">
      <SignInFlow
        redirectUrl={safeRedirectPath(redirect_url)}
        magicLinkUrl={`${await requestOrigin()}/auth/callback`}
      />
    </main>
  )
}

/** This app's origin as the browser sees it (the magic link must come back to it). */
async function requestOrigin(): Promise<string> {
  const list = await headers()
  const host = list.get('x-forwarded-host') ?? list.get('host') ?? 'localhost:3000'
  const protocol = list.get('x-forwarded-proto') ?? 'http'
  return `${protocol}://${host}`
}
