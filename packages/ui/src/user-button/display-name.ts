import type { User } from '@plinto/typescript-sdk'

/** "Ada Lovelace", or the email when the user gave no name. */
export function displayName(user: User): string {
  return fullName(user) || user.email
}

/** First and last name joined, or an empty string (members and users share the fields). */
export function fullName(person: { first_name?: string | null; last_name?: string | null }): string {
  return [person.first_name, person.last_name].filter(Boolean).join(' ').trim()
}
