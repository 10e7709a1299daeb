import { useContext, useId, type ReactNode } from 'react'
import type { Ui } from '../internal/use-ui'
import { PaneTitleContext } from './panes'

export interface SectionProps {
  ui: Ui
  title: string
  /** Shown after the heading (e.g. an "On" badge). */
  badge?: ReactNode
  children: ReactNode
}

/** One titled part of a settings page: a `<section>` named by its `<h2>`, so it is a landmark. */
export function Section({ ui, title, badge, children }: SectionProps) {
  const id = `plinto-${useId()}`
  // Under a pane of the same name the visible heading would repeat the pane's: it stays for screen readers.
  const repeatsPane = useContext(PaneTitleContext) === title
  return (
    <section aria-labelledby={id} className={ui.cx('section')}>
      <h2 id={id} className={repeatsPane ? ui.cx('visuallyHidden') : ui.cx('sectionTitle')}>
        {title}
        {badge ? <> {badge}</> : null}
      </h2>
      {children}
    </section>
  )
}
