import { createContext, forwardRef, useContext, type HTMLAttributes, type ReactNode, type Ref } from 'react'
import type { Ui } from '../internal/use-ui'

export interface CardProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  ui: Ui
  title: string
  subtitle?: ReactNode
  /** Receives the heading, so a step can move focus to it (it is focusable by script, not by Tab). */
  headingRef?: Ref<HTMLHeadingElement>
  footer?: ReactNode
  /** A wider card for pages with several sections (account and organization settings). */
  wide?: boolean
}

/**
 * Set by a dialog around a card (the account dialog): the card's heading takes this id, so the dialog is
 * named by it (`aria-labelledby`) whatever the card's title is.
 */
export const CardTitleIdContext = /* @__PURE__ */ createContext<string | undefined>(undefined)

/** The outer box of every flow: the themed root, a heading, an optional subtitle, the body and a footer. */
export const Card = forwardRef<HTMLDivElement, CardProps>(function Card(
  { ui, title, subtitle, headingRef, footer, wide, children, className, style, ...rest },
  ref,
) {
  const root = ui.rootProps
  const titleId = useContext(CardTitleIdContext)
  return (
    <div
      {...rest}
      ref={ref}
      lang={root.lang}
      data-plinto-theme={root['data-plinto-theme']}
      className={
        [root.className, ui.cx('card', wide ? 'wide' : undefined), className].filter(Boolean).join(' ') || undefined
      }
      style={root.style || style ? { ...root.style, ...style } : undefined}
    >
      <div className={ui.cx('header')}>
        <h1 ref={headingRef} id={titleId} tabIndex={-1} className={ui.cx('title')}>
          {title}
        </h1>
        {subtitle ? <p className={ui.cx('subtitle')}>{subtitle}</p> : null}
      </div>
      {children}
      {footer ? <div className={ui.cx('footer')}>{footer}</div> : null}
    </div>
  )
})
