// Loaded with import() when "Manage account" is chosen: UserProfile and its sections stay out of the first load.

import type { PresentationProps } from '../internal/use-ui'
import { UiContext, type UiOptions } from '../ui-context'
import { ProfileDialogFrame } from '../internal/profile-dialog-frame'
import { UserProfile, type UserProfileProps } from '../user-profile/user-profile'

export interface UserProfileDialogProps extends PresentationProps {
  profileProps: UserProfileProps | undefined
  onClose: () => void
  /** The provider's presentation options (this module is built on its own, with its own copy of the context). */
  context: UiOptions
}

/** `<UserProfile/>` in the account dialog. */
export default function UserProfileDialog({ profileProps, onClose, context, ...presentation }: UserProfileDialogProps) {
  return (
    <UiContext.Provider value={context}>
      <ProfileDialogFrame {...presentation} onClose={onClose}>
        <UserProfile {...presentation} {...profileProps} />
      </ProfileDialogFrame>
    </UiContext.Provider>
  )
}
