import type { PlintoClient } from '@plinto/typescript-sdk'
import { byId } from './dom'

const MAX_ENTRIES = 50
const time = (at: number) => new Date(at).toLocaleTimeString()

/** Writes one line to the event log, newest first. */
export function logEvent(name: string, detail: string): void {
  const log = byId<HTMLOListElement>('event-log')
  const entry = document.createElement('li')
  entry.dataset.event = name
  const when = document.createElement('time')
  when.dateTime = new Date().toISOString()
  when.textContent = time(Date.now())
  const what = document.createElement('strong')
  what.textContent = name
  const about = document.createElement('span')
  about.textContent = detail
  entry.append(when, ' ', what, ' ', about)
  log.prepend(entry)
  while (log.children.length > MAX_ENTRIES) log.lastElementChild?.remove()
}

/** Logs every event the client emits. Returns the function that stops listening. */
export function logClientEvents(plinto: PlintoClient): () => void {
  const offs = [
    plinto.on('signedIn', ({ user }) => logEvent('signedIn', user.email)),
    plinto.on('tokenRefreshed', ({ expiresAt, source }) =>
      logEvent(
        'tokenRefreshed',
        `${source === 'other_tab' ? 'by another tab' : 'here'}, valid until ${time(expiresAt)}`,
      ),
    ),
    plinto.on('userUpdated', ({ user }) => logEvent('userUpdated', user.email)),
    plinto.on('sessionExpired', ({ reason }) => logEvent('sessionExpired', `reason: ${reason}`)),
    plinto.on('signedOut', ({ reason }) => logEvent('signedOut', `reason: ${reason}`)),
    plinto.on('error', (error) => logEvent('error', `${error.code}: ${error.message}`)),
  ]
  return () => {
    for (const off of offs) off()
  }
}
