// Loaded with import() when "Manage account" is chosen: UserProfile and its sections stay out of the first load.

import type { PresentationProps } from '../internal/use-ui'
import { ProfileDialogFrame } from '../internal/profile-dialog-frame'
import { UserProfile, type UserProfileProps } from '../user-profile/user-profile'

export interface UserProfileDialogProps extends PresentationProps {
  profileProps: UserProfileProps | undefined
  onClose: () => void
}

/** `<UserProfile/>` in the account dialog. */
export default function UserProfileDialog({ profileProps, onClose, ...presentation }: UserProfileDialogProps) {
  return (
    <ProfileDialogFrame {...presentation} onClose={onClose}>
      <UserProfile {...presentation} {...profileProps} />
    </ProfileDialogFrame>
  )
}
