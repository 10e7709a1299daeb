// Small parsers for flag and environment values; a bad value is a UsageError (exit code 2).

/** Bad command line: message for stderr, exit code 2. */
export class UsageError extends Error {}

export function list(text: string | undefined): string[] | undefined {
  const items = text
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  return items && items.length > 0 ? items : undefined
}

export function integer(text: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${text}"`)
  }
  return Number(text)
}

export function optionalInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined || text === '') return undefined
  return integer(text, flag, 0, 1, 10 * 365 * 24 * 3600)
}

export function isTruthy(text: string | undefined, name: string): boolean {
  if (text === undefined || text === '' || text === '0' || text === 'false') return false
  if (text === '1' || text === 'true') return true
  throw new UsageError(`${name} must be 1/true or 0/false, got "${text}"`)
}

export function toUrl(text: string, flag: string): URL {
  try {
    const url = new URL(text)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http')
    return url
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL, got "${text}"`)
  }
}
