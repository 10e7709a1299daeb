import type { User } from '@plinto/typescript-sdk'

/**
 * Whether two users hold the same data. The client's store copies the user into every new snapshot (a
 * token refresh makes a new snapshot with an equal but new user object), so identity is not enough to
 * decide that a user-only consumer may skip a render. `User` is flat, so comparing fields is exact.
 */
export function sameUser(a: User | null, b: User | null): boolean {
  if (a === b) return true
  if (a === null || b === null) return false
  const keys = Object.keys(a) as (keyof User)[]
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]))
}
