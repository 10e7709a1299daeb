import '@plinto/ui/styles.css'
import './globals.css'
import { PlintoProvider } from '@plinto/nextjs'
import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'

export const metadata: Metadata = {
  title: { default: 'Plinto + Next.js', template: '%s · Plinto + Next.js' },
  description: 'Plinto auth in a Next.js App Router app',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <PlintoProvider>
          <header className="site-header">
            <Link href="/" className="brand">
              Plinto + Next.js
            </Link>
            <nav aria-label="Main">
              <Link href="/dashboard">Dashboard</Link> <Link href="/org-admin">Organization admin</Link>
            </nav>
          </header>
          {children}
        </PlintoProvider>
      </body>
    </html>
  )
}
