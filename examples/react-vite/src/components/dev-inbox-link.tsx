import { Link } from 'react-router'
import { useDevelopmentServer } from '../hooks/use-development-server'

/** "Open the dev inbox": shown only when the API is a development server (it has the outbox). */
export function DevInboxLink({ email }: { email?: string }) {
  const development = useDevelopmentServer()
  if (!development) return null
  const to = email ? `/dev/inbox?${new URLSearchParams({ to: email })}` : '/dev/inbox'
  return (
    <p className="hint">
      Development server: no email is really sent. <Link to={to}>Open the dev inbox</Link> to read it.
    </p>
  )
}
