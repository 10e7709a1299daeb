import { isPlintoError } from '@plinto/typescript-sdk'

/** The element with this id; a missing one is a bug in index.html, so fail loudly. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id)
  if (!element) throw new Error(`#${id} is missing from index.html`)
  return element as T
}

/** The `.error` paragraph inside `container`: shown with `message`, hidden with `null`. */
export function showError(container: HTMLElement, message: string | null): void {
  const slot = container.querySelector<HTMLElement>('.error')
  if (!slot) throw new Error(`#${container.id} has no .error slot`)
  slot.textContent = message ?? ''
  slot.hidden = message === null
}

/** A sentence for the user from whatever a Plinto call threw. */
export function describeError(error: unknown): string {
  if (!isPlintoError(error)) return 'Something went wrong. Please try again.'
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return 'Wrong email or password.'
    case 'EMAIL_TAKEN':
      return 'An account with this email already exists. Sign in instead.'
    case 'WEAK_PASSWORD':
      return 'This password is too common or too easy to guess. Try a longer passphrase.'
    case 'VALIDATION_ERROR':
      return error.fields?.length ? error.fields.map((f) => `${f.field}: ${f.message}`).join(' · ') : error.message
    case 'INVALID_MFA_CODE':
      return 'That code did not work. Check your authenticator app and try again.'
    case 'INVALID_TOKEN':
      return 'This link is invalid, already used or expired.'
    case 'RATE_LIMITED':
      return `Too many attempts. Try again in ${error.retryAfter ?? 60} seconds.`
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
      return "Can't reach the server. Check your connection and try again."
    default:
      return error.message
  }
}

/** Disables a form's controls while `task` runs, so a double click cannot submit twice. */
export async function whileBusy<T>(form: HTMLFormElement | HTMLElement, task: () => Promise<T>): Promise<T> {
  const controls = [...form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')]
  form.setAttribute('aria-busy', 'true')
  for (const control of controls) control.disabled = true
  try {
    return await task()
  } finally {
    for (const control of controls) control.disabled = false
    form.removeAttribute('aria-busy')
  }
}
