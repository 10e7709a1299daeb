// Where to send the user once they are signed in (or verified): the page that sent them to sign in.
// Sign-in and sign-up pages get it as `?redirect=/path`; flows that leave the page on the way (OAuth,
// magic links, the verification email) find it in sessionStorage, which survives those navigations in
// this tab and is gone when the tab closes.

const KEY = 'plinto-example:return-to'

/**
 * `value` if it is a path inside this app (`/dashboard?x=1`), else undefined. Never an absolute URL or
 * `//host`: an open redirect would let a crafted sign-in link send users to another site.
 */
export function safePath(value: string | null | undefined): string | undefined {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined
  return value
}

/** `/sign-in?redirect=…` (or another auth page) that brings the user back to `path` afterwards. */
export function withReturnTo(authPage: string, path: string): string {
  return `${authPage}?${new URLSearchParams({ redirect: path })}`
}

/** Remembers `path` for a flow that leaves this page (OAuth, magic link, verification email). */
export function rememberReturnTo(path: string): void {
  try {
    sessionStorage.setItem(KEY, path)
  } catch {
    // Storage disabled: the user lands on the default page instead. Not worth an error.
  }
}

/** The remembered path, if any (it stays until {@link forgetReturnTo}). */
export function recallReturnTo(): string | undefined {
  try {
    return safePath(sessionStorage.getItem(KEY))
  } catch {
    return undefined
  }
}

/** Forgets the remembered path, once it has been used. */
export function forgetReturnTo(): void {
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // Nothing to forget.
  }
}
