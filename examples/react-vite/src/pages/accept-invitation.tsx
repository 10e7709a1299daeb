import { useEffect, useState, type ReactNode } from 'react'
import { isPlintoError, type AcceptInvitationResponse } from '@plinto/typescript-sdk'
import { useAuth, useOrganizations, useUser } from '@plinto/ui'
import { Link, useLocation, useSearchParams } from 'react-router'
import { VerifyEmailReminder } from '../components/verify-email-reminder'
import { useDocumentTitle } from '../hooks/use-document-title'
import { rememberReturnTo, withReturnTo } from '../return-to'
import { ROLE_NAMES } from '../role-names'

type Outcome =
  | { kind: 'idle' }
  | { kind: 'accepting' }
  | { kind: 'joined'; joined: AcceptInvitationResponse }
  /** Worth trying again (the network). */
  | { kind: 'failed'; message: string }
  /** This link will not work for this account: used, expired, revoked, or sent to another address. */
  | { kind: 'refused'; message: string; otherAddress: boolean }

/** The server's answer in words: the token is single-use, expires in 7 days, and is bound to one address. */
function describeFailure(error: unknown, email: string): Outcome {
  const code = isPlintoError(error) ? error.code : undefined
  switch (code) {
    case 'INVALID_TOKEN':
      return {
        kind: 'refused',
        otherAddress: false,
        message: 'This invitation has expired, was revoked, or was already used. Ask the organization for a new one.',
      }
    case 'FORBIDDEN':
      return {
        kind: 'refused',
        otherAddress: true,
        message: `This invitation was sent to another email address than ${email}. Sign in with the invited address to accept it.`,
      }
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
      return { kind: 'failed', message: 'We could not reach the server. Check your connection and try again.' }
    default:
      return { kind: 'failed', message: 'Something went wrong. Try again.' }
  }
}

/**
 * `/accept-invitation?token=…`: the page the invitation email links to. Signed out, it sends the user to
 * sign in or create an account and back here; the invited address must be verified first (the server
 * requires it); then "Accept invitation" joins and makes the organization the active one.
 */
export function AcceptInvitationPage() {
  useDocumentTitle('Invitation')
  const { signOut } = useAuth()
  const { user, isLoaded } = useUser()
  const { acceptInvitation, setActive } = useOrganizations()
  const [searchParams] = useSearchParams()
  const { pathname, search } = useLocation()
  const token = searchParams.get('token')
  const here = pathname + search
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })

  // The verification email opens another page; its "Continue" comes back here.
  const mustVerify = user !== null && !user.email_verified
  useEffect(() => {
    if (mustVerify) rememberReturnTo(here)
  }, [mustVerify, here])

  const accept = async () => {
    if (!token || !user || outcome.kind === 'accepting') return
    setOutcome({ kind: 'accepting' })
    try {
      // Resolves once the organizations list (the switcher's too) includes the new one.
      const joined = await acceptInvitation(token)
      await setActive(joined.organization.id)
      setOutcome({ kind: 'joined', joined })
    } catch (error) {
      setOutcome(describeFailure(error, user.email))
    }
  }

  if (!token) {
    return (
      <Panel title="This invitation link is incomplete">
        <p role="alert">The link has no invitation token. Open the link from the invitation email again.</p>
      </Panel>
    )
  }
  if (!isLoaded) {
    return (
      <p className="loading" aria-busy="true">
        Loading…
      </p>
    )
  }
  if (!user) {
    return (
      <Panel title="You have been invited to an organization">
        <p>Sign in or create an account with the email address the invitation was sent to, then accept it here.</p>
        <div className="actions">
          <Link to={withReturnTo('/sign-in', here)} className="button button-primary">
            Sign in to accept
          </Link>
          <Link to={withReturnTo('/sign-up', here)} className="button button-secondary">
            Create an account
          </Link>
        </div>
      </Panel>
    )
  }
  if (outcome.kind === 'joined') {
    const { organization, role } = outcome.joined
    return (
      <Panel title={`You joined ${organization.name}`}>
        <p role="status">
          You are now a member of <strong>{organization.name}</strong> with the role <strong>{ROLE_NAMES[role]}</strong>
          . It is your active organization.
        </p>
        <div className="actions">
          <Link to="/organization" className="button button-primary">
            Go to the organization
          </Link>
          <Link to="/dashboard" className="button button-secondary">
            Dashboard
          </Link>
        </div>
      </Panel>
    )
  }
  if (outcome.kind === 'refused') {
    return (
      <Panel title="This invitation cannot be used">
        <p role="alert" className="error">
          {outcome.message}
        </p>
        <div className="actions">
          {outcome.otherAddress ? (
            // Signed out, this page offers to sign in (or create the account) and come back.
            <button type="button" className="button button-primary" onClick={() => void signOut()}>
              Switch account
            </button>
          ) : null}
          <Link to="/dashboard" className="button button-secondary">
            Dashboard
          </Link>
        </div>
      </Panel>
    )
  }
  if (!user.email_verified) {
    return (
      <Panel title="You have been invited to an organization">
        <p>To accept, first confirm that {user.email} is your address. You will come back here afterwards.</p>
        <VerifyEmailReminder email={user.email} />
      </Panel>
    )
  }
  return (
    <Panel title="You have been invited to an organization">
      <p>
        You are signed in as <strong>{user.email}</strong>. Accept to join the organization that invited this address.
      </p>
      {outcome.kind === 'failed' ? (
        <p role="alert" className="error">
          {outcome.message}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-primary"
        onClick={() => void accept()}
        disabled={outcome.kind === 'accepting'}
        aria-busy={outcome.kind === 'accepting'}
      >
        {outcome.kind === 'accepting' ? 'Accepting…' : 'Accept invitation'}
      </button>
    </Panel>
  )
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card card-narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{title}</h1>
      {children}
    </section>
  )
}
