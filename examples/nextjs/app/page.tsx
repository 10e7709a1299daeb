import Link from 'next/link'
import { getCurrentUser } from '../lib/current-user'

/** The landing page: who is signed in, as this request's server sees it. */
export default async function HomePage() {
  const session = await getCurrentUser()
  return (
    <main>
      <h1>Plinto with Next.js</h1>
      <p>
        Sign-in runs in the browser with <code>@plinto/ui</code>; server components and route handlers read the user
        from a verified access token.
      </p>
      {session ? (
        <p>
          Signed in as <strong>{session.user.email}</strong>. <Link href="/dashboard">Open your dashboard</Link>
        </p>
      ) : (
        <p>
          You are signed out. <Link href="/sign-in">Sign in</Link> or <Link href="/sign-up">create an account</Link>.
        </p>
      )}
    </main>
  )
}
