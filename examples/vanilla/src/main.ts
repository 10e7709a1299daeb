import './style.css'
import { mountAuthForms } from './auth-forms'
import { byId, describeError, showError, whileBusy } from './dom'
import { handleVerificationLink } from './email-verification'
import { logClientEvents, logEvent } from './event-log'
import { config, plinto } from './plinto'
import { mountSessionView } from './session-view'

byId('config-api-url').textContent = config.apiUrl
byId('config-storage').textContent = config.tokenStorage

logClientEvents(plinto)
const view = mountSessionView(plinto)
mountAuthForms(plinto)

// Background refreshes that fail for a transient reason (server down, network gone, 5xx, 429) keep the
// session: the client retries with backoff and emits `error` each time. Show that, and clear it as soon
// as new tokens arrive or the session changes.
plinto.on('error', (error) => {
  if (error.retryable && plinto.getSnapshot().status === 'signed_in') view.setOffline(true)
})
plinto.on('tokenRefreshed', () => view.setOffline(false))
plinto.on('signedIn', () => {
  view.setOffline(false)
  byId('signed-in-title').focus()
})
plinto.on('signedOut', () => view.setOffline(false))

const signedIn = byId('signed-in')

byId('sign-out').addEventListener('click', () => {
  // Local sign-out always succeeds; telling the server is best effort. Other tabs follow.
  void whileBusy(signedIn, () => plinto.auth.signOut()).then(() => byId('sign-in-email').focus())
})

byId('refresh-now').addEventListener('click', () => {
  showError(signedIn, null)
  void whileBusy(signedIn, () => plinto.auth.refreshToken()).catch((error: unknown) =>
    showError(signedIn, describeError(error)),
  )
})

byId('resend-verification').addEventListener('click', () => {
  showError(signedIn, null)
  void whileBusy(signedIn, () => plinto.auth.resendVerification())
    .then(() => notify('We sent the link again. Check your inbox.'))
    .catch((error: unknown) => showError(signedIn, describeError(error)))
})

function notify(message: string, kind: 'info' | 'error' = 'info') {
  const notice = byId('notice')
  notice.textContent = message
  notice.className = `banner ${kind === 'error' ? 'banner-error' : 'banner-info'}`
  notice.hidden = false
}

void handleVerificationLink(plinto).then((result) => {
  if (!result) return
  logEvent(result.ok ? 'emailVerified' : 'emailNotVerified', result.message)
  notify(result.message, result.ok ? 'info' : 'error')
})
