// Loaded with import() when "Manage organization" is chosen: OrganizationProfile stays out of the switcher's chunk.

import type { PresentationProps } from '../internal/use-ui'
import { UiContext, type UiOptions } from '../ui-context'
import { ProfileDialogFrame } from '../internal/profile-dialog-frame'
import { OrganizationProfile, type OrganizationProfileProps } from './organization-profile'

export interface OrganizationProfileDialogProps extends PresentationProps {
  profileProps: OrganizationProfileProps | undefined
  onClose: () => void
  /** The provider's presentation options (this module is built on its own, with its own copy of the context). */
  context: UiOptions
}

/** `<OrganizationProfile/>` in the account dialog. */
export default function OrganizationProfileDialog({
  profileProps,
  onClose,
  context,
  ...presentation
}: OrganizationProfileDialogProps) {
  return (
    <UiContext.Provider value={context}>
      <ProfileDialogFrame {...presentation} onClose={onClose}>
        <OrganizationProfile {...presentation} {...profileProps} />
      </ProfileDialogFrame>
    </UiContext.Provider>
  )
}
