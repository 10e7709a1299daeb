import type { RefObject } from 'react'
import { LinkButton } from '../elements/link-button'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import type { Ui } from '../internal/use-ui'

export interface MagicLinkSentProps {
  ui: Ui
  /** The card's heading ("Check your email"), which takes focus so the new state is read out. */
  heading: RefObject<HTMLHeadingElement | null>
  email: string
  onBack: () => void
}

/** "Check your email": the link is on its way (or the address has no account; the text does not tell). */
export function MagicLinkSent({ ui, heading, email, onBack }: MagicLinkSentProps) {
  useFocusOnMount(heading)
  return (
    <div className={ui.cx('notice')}>
      <p>{ui.t.signIn.magicLinkSentBody(email)}</p>
      <LinkButton ui={ui} onClick={onBack}>
        {ui.t.signIn.useAnotherEmail}
      </LinkButton>
    </div>
  )
}
