import { useState, type FormEvent } from 'react'
import { useUser } from '@plinto/ui'
import { useSearchParams } from 'react-router'
import { OutboxMessage } from '../components/outbox-message'
import { useDocumentTitle } from '../hooks/use-document-title'
import { useOutbox } from '../hooks/use-outbox'

/**
 * `/dev/inbox`: the development server's outbox as a small mailbox, so the verification, reset, magic-link
 * and invitation emails can be opened with nothing configured. The address comes from `?to=`, else the
 * signed-in user's email. A production server has no outbox, and the page says so.
 */
export function DevInboxPage() {
  useDocumentTitle('Dev inbox')
  const { user } = useUser()
  const [searchParams, setSearchParams] = useSearchParams()
  const address = searchParams.get('to') ?? user?.email ?? ''
  const { result, error } = useOutbox(address)

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">Dev inbox</h1>
      <p className="lead">
        The development server sends no real email: it keeps what it would have sent. Open a link here as you would from
        your mailbox.
      </p>
      {/* Keyed by the address, so the field follows it (e.g. once the signed-in user is known). */}
      <AddressForm key={address} address={address} onShow={(to) => setSearchParams({ to })} />
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {result?.kind === 'unavailable' ? (
        <p role="alert" className="card card-notice">
          This server has no dev inbox: it runs in production mode and sends real email. Check your mailbox.
        </p>
      ) : null}
      {result?.kind === 'messages' ? (
        result.messages.length === 0 ? (
          <p className="empty">No messages to {address} yet. New ones appear here by themselves.</p>
        ) : (
          <ol className="message-list" aria-label={`Messages to ${address}`}>
            {result.messages.map((message, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id; created_at plus the position counted from the end of the list identifies one
              <li key={`${message.created_at}-${result.messages.length - index}`}>
                <OutboxMessage message={message} />
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  )
}

function AddressForm({ address, onShow }: { address: string; onShow: (email: string) => void }) {
  const [draft, setDraft] = useState(address)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (draft.trim()) onShow(draft.trim())
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Choose a mailbox">
      <label htmlFor="inbox-address">Email address</label>
      <input
        id="inbox-address"
        type="email"
        required
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit" className="button button-secondary">
        Show messages
      </button>
    </form>
  )
}
