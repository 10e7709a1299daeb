import '@plinto/ui/styles.css'
import './globals.css'
import type { Metadata } from 'next'
import { cookies } from 'next/headers'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { plintoEnv } from '../lib/plinto-env'
import { SESSION_COOKIE } from '../lib/session-cookie'
import { Providers } from './providers'

export const metadata: Metadata = {
  title: { default: 'Plinto + Next.js', template: '%s · Plinto + Next.js' },
  description: 'Plinto auth in a Next.js App Router app',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request's cookies renders every page per request, so the settings below come from the
  // environment of the running server, not of the build: one build works against any Plinto server.
  const serverHasCookie = (await cookies()).has(SESSION_COOKIE)
  const { apiUrl, tokenStorage } = plintoEnv()
  return (
    <html lang="en">
      <body>
        <Providers apiUrl={apiUrl} tokenStorage={tokenStorage} serverHasCookie={serverHasCookie}>
          <header className="site-header">
            <Link href="/" className="brand">
              Plinto + Next.js
            </Link>
            <nav aria-label="Main">
              <Link href="/dashboard">Dashboard</Link>
            </nav>
          </header>
          {children}
        </Providers>
      </body>
    </html>
  )
}
