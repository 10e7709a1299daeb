import type { MouseEventHandler, ReactNode } from 'react'
import type { Ui } from '../internal/use-ui'

export interface LinkButtonProps {
  ui: Ui
  /** A real link when there is a URL; a button that looks like a link when there is only a handler. */
  href?: string
  onClick?: MouseEventHandler<HTMLElement>
  children: ReactNode
}

/** A secondary action styled as a link: `<a>` for navigation, `<button type="button">` for in-place changes. */
export function LinkButton({ ui, href, onClick, children }: LinkButtonProps) {
  if (href !== undefined) {
    return (
      <a href={href} onClick={onClick} className={ui.cx('link')}>
        {children}
      </a>
    )
  }
  return (
    <button type="button" onClick={onClick} className={ui.cx('linkButton')}>
      {children}
    </button>
  )
}
