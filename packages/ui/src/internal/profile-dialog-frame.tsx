import { useId, type ReactNode } from 'react'
import { CardTitleIdContext } from '../elements/card'
import { enAccount } from '../localization/en-account'
import { Dialog } from './dialog'
import { useUi, type PresentationProps } from './use-ui'

export interface ProfileDialogFrameProps extends PresentationProps {
  onClose: () => void
  /** The profile (UserProfile, OrganizationProfile): its heading names the dialog. */
  children: ReactNode
}

/**
 * The modal that UserButton's "Manage account" and OrganizationSwitcher's "Manage organization" open: the
 * profile inside a {@link Dialog} (focus trap, Escape, focus back to the menu button) with a close button,
 * named by the profile's heading.
 */
export function ProfileDialogFrame({ onClose, children, ...presentation }: ProfileDialogFrameProps) {
  const ui = useUi(presentation, undefined, undefined, enAccount)
  const titleId = `plinto-${useId()}-title`
  return (
    <Dialog ui={ui} labelledBy={titleId} onClose={onClose}>
      <button type="button" className={ui.cx('modalClose')} aria-label={ui.t.account.close} onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
      <CardTitleIdContext.Provider value={titleId}>{children}</CardTitleIdContext.Provider>
    </Dialog>
  )
}
