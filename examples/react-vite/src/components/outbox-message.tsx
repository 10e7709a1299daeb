import { useId } from 'react'
import type { OutboxMessage as Message } from '@plinto/typescript-sdk/schemas'
import { appPath } from '../dev-outbox'

/** One message of the dev inbox: subject, when, the text, and its link (opened in this app) or code. */
export function OutboxMessage({ message }: { message: Message }) {
  const titleId = useId()
  const link = message.link ? appPath(message.link) : null
  const intro = message.link ? message.text.replace(message.link, '').trim() : message.text
  return (
    <article className="card message" aria-labelledby={titleId}>
      <h2 id={titleId}>{message.subject ?? 'Text message'}</h2>
      <p className="meta">
        {message.channel === 'sms' ? 'SMS' : 'Email'} to {message.to} ·{' '}
        <time dateTime={message.created_at}>{new Date(message.created_at).toLocaleString()}</time>
      </p>
      <p className="message-text">{intro}</p>
      {link ? (
        <p>
          <a href={link} className="button button-primary">
            Open the link
          </a>{' '}
          <code className="link-preview">{link}</code>
        </p>
      ) : null}
      {message.code ? (
        <p>
          Code: <code className="code">{message.code}</code>
        </p>
      ) : null}
    </article>
  )
}
