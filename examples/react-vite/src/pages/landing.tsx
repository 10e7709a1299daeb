import { SignedIn, SignedOut, useUser } from '@plinto/ui'
import { Link } from 'react-router'
import { useDocumentTitle } from '../hooks/use-document-title'

/** `/`: what this app is, and the way in (or back to the dashboard). */
export function LandingPage() {
  useDocumentTitle('Welcome')
  const { user } = useUser()
  return (
    <section className="hero" aria-labelledby="landing-title">
      <h1 id="landing-title">Auth for your React app, ready in an afternoon</h1>
      <p className="lead">
        This example is a complete single-page app on <code>@plinto/ui</code>: sign-up with email verification, sign-in
        with two-step verification, passkeys, magic links and OAuth, your account and its sessions, and organizations
        with invitations. Everything runs against the Plinto reference server.
      </p>
      <SignedOut>
        <div className="actions">
          <Link to="/sign-up" className="button button-primary">
            Create account
          </Link>
          <Link to="/sign-in" className="button button-secondary">
            Sign in
          </Link>
        </div>
      </SignedOut>
      <SignedIn>
        <p>Signed in as {user?.email}.</p>
        <div className="actions">
          <Link to="/dashboard" className="button button-primary">
            Go to your dashboard
          </Link>
        </div>
      </SignedIn>
      <ul className="features">
        <li>
          <strong>Sign-up and email verification</strong>
          With a dev inbox, so no mail server is needed.
        </li>
        <li>
          <strong>Two-step verification</strong>
          An authenticator app, with backup codes.
        </li>
        <li>
          <strong>Passkeys</strong>
          Sign in with your fingerprint, face or screen lock.
        </li>
        <li>
          <strong>Organizations</strong>
          Create one, invite your team, switch between them.
        </li>
      </ul>
    </section>
  )
}
