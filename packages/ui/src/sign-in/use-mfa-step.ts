import { useState } from 'react'
import { isPlintoError, type User } from '@plinto/typescript-sdk'
import type { Ui } from '../internal/use-ui'
import type { MfaMode, MfaStepProps } from './mfa-step'

const SUPPORTED_MFA: readonly MfaMode[] = ['totp', 'sms', 'backup_code']

type Challenge = { mfaToken: string; modes: MfaMode[]; mode: MfaMode }

export interface UseMfaStepOptions {
  onSignedIn: (user: User) => void
  /** The MFA token is no longer accepted (expired, too many attempts); the step has closed. */
  onExpired: () => void
  /** The person chose "Back to sign in"; the step has closed. */
  onBack: () => void
}

export interface MfaStepState {
  /** The card's title and subtitle while the step shows (the subtitle follows the kind of code asked). */
  title: string
  subtitle: string
  /** Everything `<MfaStep>` needs. */
  props: MfaStepProps
}

/**
 * The two-step verification step of a sign-in. Every first factor can answer `MFA_REQUIRED` (a password in
 * `<SignIn>`, a magic link or an OAuth return in `<AuthCallback>`), and each continues with this one step.
 * `start(error)` opens it for an `MFA_REQUIRED` error and says `'started'`; `'unsupported'` when the account
 * has no factor this step can ask for; `undefined` for any other error, which stays the caller's.
 * `step` is defined while the step shows.
 */
export function useMfaStep(ui: Ui, { onSignedIn, onExpired, onBack }: UseMfaStepOptions) {
  const { t } = ui
  const [challenge, setChallenge] = useState<Challenge>()

  const start = (error: unknown): 'started' | 'unsupported' | undefined => {
    if (!isPlintoError(error) || error.code !== 'MFA_REQUIRED') return undefined
    const modes = SUPPORTED_MFA.filter((mode) => error.methods?.includes(mode))
    const [first] = modes
    if (!error.mfaToken || first === undefined) return 'unsupported'
    setChallenge({ mfaToken: error.mfaToken, modes, mode: first })
    return 'started'
  }

  const step: MfaStepState | undefined = challenge && {
    title: t.signIn.mfaTitle,
    subtitle:
      challenge.mode === 'totp'
        ? t.signIn.mfaSubtitle
        : challenge.mode === 'sms'
          ? t.signIn.mfaSmsSubtitle(undefined)
          : t.signIn.mfaBackupSubtitle,
    props: {
      ui,
      mfaToken: challenge.mfaToken,
      modes: challenge.modes,
      mode: challenge.mode,
      onModeChange: (mode) => setChallenge({ ...challenge, mode }),
      onSignedIn,
      onExpired: () => {
        setChallenge(undefined)
        onExpired()
      },
      onBack: () => {
        setChallenge(undefined)
        onBack()
      },
    },
  }

  return { start, step }
}
