import type { PlintoClient } from '@plinto/typescript-sdk'
import { describeError } from './dom'

/**
 * Handles the link of the verification email, `{appUrl}/verify-email?token=…` (the server's `--app-url`
 * must point at this page). Verifies the token, tidies the address bar, and re-reads the user when signed
 * in so the page shows the address as verified. Returns the message to show, or `null` on other pages.
 */
export async function handleVerificationLink(plinto: PlintoClient): Promise<{ ok: boolean; message: string } | null> {
  const url = new URL(window.location.href)
  const token = url.searchParams.get('token')
  if (url.pathname !== '/verify-email' || !token) return null
  // The token is single-use: drop it from the address bar (and history) whatever happens next.
  window.history.replaceState(null, '', '/')
  try {
    await plinto.auth.verifyEmail(token)
  } catch (error) {
    return { ok: false, message: `Email not verified: ${describeError(error)}` }
  }
  await plinto.ready()
  if (plinto.getSnapshot().status !== 'signed_in')
    return { ok: true, message: 'Your email is verified. Sign in to continue.' }
  // Emits userUpdated and updates the snapshot with `email_verified: true`.
  await plinto.auth.getCurrentUser()
  return { ok: true, message: 'Your email is verified.' }
}
