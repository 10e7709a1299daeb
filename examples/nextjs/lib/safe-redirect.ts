/**
 * The `redirect_url` of a sign-in link, if it is a path of this app; otherwise `fallback`. A full URL or a
 * protocol-relative one (`//evil.example`) would turn the sign-in page into an open redirect.
 */
export function safeRedirectPath(value: string | string[] | undefined, fallback = '/dashboard'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return fallback
  return value
}
