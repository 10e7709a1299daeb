/**
 * `value` when it is a path of this app (`/dashboard?tab=1`); `fallback` otherwise. Use it on the sign-in page
 * for the `redirect_url` it was given: a full URL or a protocol-relative one (`//evil.example`) would turn the
 * page into an open redirect.
 *
 * @example
 * ```tsx
 * export default async function SignInPage({ searchParams }: { searchParams: Promise<{ redirect_url?: string }> }) {
 *   const redirectUrl = safeReturnPath((await searchParams).redirect_url, '/dashboard')
 *   return <SignIn redirectUrl={redirectUrl} />
 * }
 * ```
 */
export function safeReturnPath(value: string | string[] | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return fallback
  return value
}

/**
 * The sign-in page's URL with `returnPath` as `redirect_url`. Slashes stay readable
 * (`/sign-in?redirect_url=/dashboard`); everything else that means something in a query is escaped.
 */
export function signInLocation(signInUrl: string, returnPath: string | null): string {
  if (!returnPath) return signInUrl
  const separator = signInUrl.includes('?') ? '&' : '?'
  return `${signInUrl}${separator}redirect_url=${encodeURIComponent(returnPath).replace(/%2F/g, '/')}`
}
