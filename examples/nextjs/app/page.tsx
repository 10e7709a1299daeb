import { currentUser } from '@plinto/nextjs/server'
import Link from 'next/link'

/** The landing page: who is signed in, as this request's server sees it. */
export default async function HomePage() {
  const user = await currentUser()
  return (
    <main>
      <h1>Plinto with Next.js</h1>
      {user ? (
        <p>
          Signed in as <strong>{user.email}</strong>. <Link href="/dashboard">Open your dashboard</Link>
        </p>
      ) : (
        <p>
          You are signed out. <Link href="/sign-in">Sign in</Link> or <Link href="/sign-up">create an account</Link>.
        </p>
      )}
    </main>
  )
}
