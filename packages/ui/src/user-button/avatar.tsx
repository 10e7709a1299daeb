import { useState } from 'react'
import type { User } from '@plinto/typescript-sdk'
import type { Ui } from '../internal/use-ui'
import { initials } from './display-name'

export interface AvatarProps {
  ui: Ui
  user: User
}

/**
 * The user's picture, or their initials when there is none or it fails to load. Decorative: the button
 * around it carries the accessible name.
 */
export function Avatar({ ui, user }: AvatarProps) {
  const [failed, setFailed] = useState<string | null>(null)
  const src = user.profile_image_url
  const showImage = src && failed !== src
  // Initials are drawn by the stylesheet from `data-initials` (CSS generated content): as text in the
  // button they would not match its accessible name ("Account menu for Ada Lovelace"), which WCAG 2.5.3
  // (label in name) flags. Unstyled, style `[data-initials]::before { content: attr(data-initials) }`.
  return (
    <span className={ui.cx('avatar')} data-initials={showImage ? undefined : initials(user)} aria-hidden="true">
      {showImage ? <img src={src} alt="" onError={() => setFailed(src)} /> : null}
    </span>
  )
}
