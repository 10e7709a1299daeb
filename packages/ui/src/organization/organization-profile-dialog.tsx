// Loaded with import() when "Manage organization" is chosen: OrganizationProfile stays out of the switcher's chunk.

import type { PresentationProps } from '../internal/use-ui'
import { ProfileDialogFrame } from '../internal/profile-dialog-frame'
import { OrganizationProfile, type OrganizationProfileProps } from './organization-profile'

export interface OrganizationProfileDialogProps extends PresentationProps {
  profileProps: OrganizationProfileProps | undefined
  onClose: () => void
}

/** `<OrganizationProfile/>` in the account dialog. */
export default function OrganizationProfileDialog({
  profileProps,
  onClose,
  ...presentation
}: OrganizationProfileDialogProps) {
  return (
    <ProfileDialogFrame {...presentation} onClose={onClose}>
      <OrganizationProfile {...presentation} {...profileProps} />
    </ProfileDialogFrame>
  )
}
