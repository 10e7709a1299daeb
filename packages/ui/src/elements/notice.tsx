import type { ReactNode, RefObject } from 'react'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import type { Ui } from '../internal/use-ui'

export interface NoticeProps {
  ui: Ui
  /** The card's heading, which takes focus so the new state is read out. */
  heading: RefObject<HTMLHeadingElement | null>
  children: ReactNode
}

/** The body of a result state ("Check your email", "Password changed"); moves focus to its heading. */
export function Notice({ ui, heading, children }: NoticeProps) {
  useFocusOnMount(heading)
  return <div className={ui.cx('notice')}>{children}</div>
}
