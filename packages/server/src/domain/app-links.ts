import type { PlintoConfig } from '../config'

/**
 * A link into the app for an email: `appUrl` + path, with query parameters.
 */
export function appLink(config: PlintoConfig, path: string, params: Record<string, string>): string {
  const url = new URL(`${config.appUrl}${path}`)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}
