import type { User } from '@plinto/typescript-sdk'

/** "Ada Lovelace", or the email when the user gave no name. */
export function displayName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.email
}

/** Up to two letters for the avatar: the name's initials, or the first letter of the email. */
export function initials(user: User): string {
  const fromName = [user.first_name, user.last_name].map((part) => part?.trim()[0] ?? '').join('')
  return (fromName || user.email[0] || '?').toUpperCase()
}
