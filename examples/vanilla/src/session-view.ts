import type { PlintoClient } from '@plinto/typescript-sdk'
import { byId } from './dom'

/** `42 s`, `59 min 59 s`. */
function duration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

/**
 * Renders the client's state: which section shows, the user, and the access token's remaining lifetime
 * (ticking every quarter second, so refreshes are visible as they happen). Everything here is read from
 * `plinto.getSnapshot()` and the client's events; the page keeps no copy of the session.
 */
export function mountSessionView(plinto: PlintoClient): { setOffline(offline: boolean): void } {
  const status = byId('status')
  const signedOut = byId('signed-out')
  const signedIn = byId('signed-in')
  const offlineBanner = byId('offline')
  const expiry = byId('token-expiry')
  const progress = byId<HTMLProgressElement>('token-progress')
  const refreshCount = byId('refresh-count')
  const lastRefresh = byId('last-refresh')
  let offline = false
  // When the current access token arrived, to show how much of its lifetime is left.
  let tokenSince = Date.now()
  let tokenExpiresAt: number | null = null
  let refreshes = 0

  function render() {
    const snapshot = plinto.getSnapshot()
    status.dataset.status = snapshot.status
    status.textContent = snapshot.status === 'signed_in' && offline ? 'signed_in (offline, retrying)' : snapshot.status
    signedOut.hidden = snapshot.status !== 'signed_out'
    signedIn.hidden = snapshot.status !== 'signed_in'
    offlineBanner.hidden = !(offline && snapshot.status === 'signed_in')
    if (snapshot.status !== 'signed_in') {
      tokenExpiresAt = null
      return
    }
    const { user, expiresAt } = snapshot
    if (expiresAt !== tokenExpiresAt) {
      tokenExpiresAt = expiresAt
      tokenSince = Date.now()
    }
    byId('user-name').textContent = user.first_name ?? user.username ?? user.email
    byId('user-email').textContent = user.email
    const verified = byId('user-verified')
    verified.textContent = user.email_verified ? 'verified' : 'not verified'
    verified.classList.toggle('badge-ok', user.email_verified)
    byId('verify-hint').hidden = user.email_verified
    byId('user-id').textContent = user.id
    tick()
  }

  function tick() {
    if (tokenExpiresAt === null) return
    const left = tokenExpiresAt - Date.now()
    const span = duration(Math.abs(left))
    expiry.textContent = left > 0 ? `expires in ${span}` : `expired ${span} ago, refreshing…`
    progress.value = Math.max(0, Math.min(1, left / Math.max(1, tokenExpiresAt - tokenSince)))
  }

  plinto.subscribe(render)
  plinto.on('tokenRefreshed', ({ source }) => {
    refreshes++
    refreshCount.textContent = String(refreshes)
    lastRefresh.textContent = `(last at ${new Date().toLocaleTimeString()}, ${source === 'other_tab' ? 'by another tab' : 'by this tab'})`
  })
  setInterval(tick, 250)
  render()

  return {
    setOffline(next) {
      if (next === offline) return
      offline = next
      render()
    },
  }
}
