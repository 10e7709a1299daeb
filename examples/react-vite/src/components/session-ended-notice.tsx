import { useState } from 'react'
import type { SignOutReason } from '@plinto/typescript-sdk'
import { usePlintoEvent } from '../hooks/use-plinto-event'

const MESSAGES: Record<Exclude<SignOutReason, 'user' | 'other_tab'>, string> = {
  revoked: 'You were signed out: this session was ended from another device.',
  expired: 'Your session expired. Sign in again.',
  reuse: 'You were signed out to protect your account. Sign in again.',
}

/**
 * Says why the user was signed out when they did not ask for it (`sessionExpired`: the session was
 * revoked elsewhere, expired, or its refresh token was replayed). Gone at the next sign-in.
 */
export function SessionEndedNotice() {
  const [reason, setReason] = useState<keyof typeof MESSAGES | null>(null)
  usePlintoEvent('sessionExpired', (event) => setReason(event.reason))
  usePlintoEvent('signedIn', () => setReason(null))
  return (
    <div role="status" className={reason ? 'banner banner-info' : 'banner-slot'}>
      {reason ? (
        <>
          <span>{MESSAGES[reason]}</span>
          <button type="button" className="banner-dismiss" onClick={() => setReason(null)}>
            Dismiss
          </button>
        </>
      ) : null}
    </div>
  )
}
