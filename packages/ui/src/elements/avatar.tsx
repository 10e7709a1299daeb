import { useState } from 'react'
import type { Ui } from '../internal/use-ui'

/** How many background tones the stylesheet defines (`.plinto-avatar--tone-0` … `--tone-5`). */
const TONES = 6

export interface AvatarProps {
  ui: Ui
  /** The person's full name, or null/empty when they gave none. */
  name: string | null | undefined
  /** Their email: the initial when there is no name, and what the tone is derived from. */
  email: string
  /** Their picture; the initials are shown when it is missing or fails to load. */
  imageUrl?: string | null | undefined
  /** `small` in list rows. */
  size?: 'small'
}

/** Up to two letters: the initials of the name's first and last words, or the email's first letter. */
export function initialsOf(name: string | null | undefined, email: string): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean)
  const first = words[0]?.[0] ?? ''
  const fromName = words.length > 1 ? `${first}${words.at(-1)?.[0] ?? ''}` : first
  return (fromName || email[0] || '?').toUpperCase()
}

/**
 * A stable tone for a person: the same email always gets the same background, so a member is recognisable
 * across lists and visits. FNV-1a over the lower-cased address, modulo the number of tones. The tones are
 * mixes of the theme's primary color (styles.css), so they follow `appearance.variables`.
 */
export function toneOf(email: string): number {
  let hash = 0x811c9dc5
  for (const char of email.toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % TONES
}

/**
 * A person's picture, or their initials on a tone of the theme when there is none or it fails to load.
 * Decorative (`aria-hidden`): the name next to it, or the button around it, carries the accessible name.
 */
export function Avatar({ ui, name, email, imageUrl, size }: AvatarProps) {
  const [failed, setFailed] = useState<string | null>(null)
  const showImage = imageUrl && failed !== imageUrl
  // Initials are drawn by the stylesheet from `data-initials` (CSS generated content): as text in a button
  // they would not match its accessible name ("Account menu for Ada Lovelace"), which WCAG 2.5.3 (label in
  // name) flags. Unstyled, style `[data-initials]::before { content: attr(data-initials) }`.
  return (
    <span
      className={ui.cx('avatar', `tone-${toneOf(email)}`)}
      data-size={size}
      data-initials={showImage ? undefined : initialsOf(name, email)}
      aria-hidden="true"
    >
      {showImage ? <img src={imageUrl} alt="" onError={() => setFailed(imageUrl)} /> : null}
    </span>
  )
}
