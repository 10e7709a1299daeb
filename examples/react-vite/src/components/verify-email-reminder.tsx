import { useId, useState, type ReactNode } from 'react'
import { isPlintoError } from '@plinto/typescript-sdk'
import { useAuth } from '@plinto/ui'
import { DevInboxLink } from './dev-inbox-link'

/**
 * "Verify your email" for a signed-in user whose address is not confirmed yet: unverified users can use
 * the app, but some things (accepting an invitation) need a verified address. Offers to send the email
 * again and, on a development server, links to the dev inbox.
 */
export function VerifyEmailReminder({ email, children }: { email: string; children?: ReactNode }) {
  const { resendVerification } = useAuth()
  const titleId = useId()
  const [state, setState] = useState<{ sending?: boolean; sent?: boolean; error?: string }>({})

  const resend = async () => {
    setState({ sending: true })
    try {
      await resendVerification()
      setState({ sent: true })
    } catch (error) {
      const wait =
        isPlintoError(error) && error.code === 'RATE_LIMITED'
          ? ` Try again in ${error.retryAfter ?? 60} seconds.`
          : ' Try again.'
      setState({ error: `We could not send the email.${wait}` })
    }
  }

  return (
    <section className="card card-notice" aria-labelledby={titleId}>
      <h2 id={titleId}>Verify your email</h2>
      <p>
        We sent a verification link to <strong>{email}</strong>. Open it to confirm your address.
      </p>
      {children}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void resend()}
        disabled={state.sending}
        aria-busy={state.sending}
      >
        {state.sending ? 'Sending…' : 'Send the email again'}
      </button>
      <p role="status">{state.sent ? 'We sent a new verification email.' : null}</p>
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      <DevInboxLink email={email} />
    </section>
  )
}
