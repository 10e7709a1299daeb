import type { PlintoConfig } from '../config'
import { errors } from '../errors'

/**
 * Checks a client-supplied return URL (OAuth `redirect_uri`, magic-link `redirect_url`) against
 * `config.allowedRedirectUrls`: it must equal an entry exactly, as a parsed absolute URL (so
 * `HTTP://Localhost:5173/auth/callback` matches `http://localhost:5173/auth/callback`, but no prefix,
 * sub-path or extra query does). Anything else would turn the server into an open redirect carrying a
 * sign-in code or token. Throws 422 `VALIDATION_ERROR` on `field`.
 */
export function assertAllowedRedirect(config: PlintoConfig, candidate: string, field: string): URL {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    throw errors.validation(`Invalid ${field}`, [{ field, message: 'Must be an absolute URL' }])
  }
  const allowed = config.allowedRedirectUrls.some((entry) => new URL(entry).href === url.href)
  if (!allowed)
    throw errors.validation(`${field} is not allowed`, [{ field, message: 'Must be one of the allowed redirect URLs' }])
  return url
}
