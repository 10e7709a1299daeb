import { useState } from 'react'
import type { UseMfaResult } from '@plinto/react'
import type { TotpSetupResponse } from '@plinto/typescript-sdk'
import { CodeForm } from '../elements/code-form'
import { FormAlert } from '../elements/form-alert'
import { describeError } from '../internal/describe-error'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { TotpSetup } from './totp-setup'

export interface TotpPartProps {
  ui: Ui
  mfa: UseMfaResult
  enabled: boolean
  /** The app was turned on; `backupCodes` are the codes issued with it (shown next). */
  onEnabled: (backupCodes: string[]) => void
  /** New backup codes (regenerated). */
  onBackupCodes: (codes: string[]) => void
  onStatus: (message: string) => void
  /** 3 under a section's h2 (UserProfile), 2 under a card's h1 (MfaSetup). */
  headingLevel?: 2 | 3
}

type Mode =
  | { kind: 'idle' }
  | { kind: 'setup'; setup: TotpSetupResponse }
  | { kind: 'regenerate' }
  | { kind: 'disable' }

/** The authenticator app: set it up (QR, key, first code, backup codes), or get new backup codes / turn it off. */
export function TotpPart({ ui, mfa, enabled, onEnabled, onBackupCodes, onStatus, headingLevel = 3 }: TotpPartProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const { t } = ui
  const [mode, setMode] = useState<Mode>({ kind: 'idle' })
  const [error, setError] = useState<string>()

  const [start, starting] = useGuardedAction(async () => {
    setError(undefined)
    try {
      setMode({ kind: 'setup', setup: await mfa.enableTotp() })
    } catch (caught) {
      setError(describeError(caught, t, {}).form)
    }
  })

  if (mode.kind === 'setup') {
    return (
      <TotpSetup
        ui={ui}
        setup={mode.setup}
        onCancel={() => setMode({ kind: 'idle' })}
        onVerify={async (code) => {
          await mfa.verifyTotp(code)
          setMode({ kind: 'idle' })
          onStatus(t.userProfile.totpEnabled)
          onEnabled(mode.setup.backup_codes)
        }}
      />
    )
  }

  const cancel = (
    <button type="button" className={ui.cx('linkButton')} onClick={() => setMode({ kind: 'idle' })}>
      {t.userProfile.cancel}
    </button>
  )

  return (
    <div className={ui.cx('form')}>
      <Heading className={ui.cx('itemTitle')}>{t.userProfile.totpTitle}</Heading>
      <p className={ui.cx('itemDetail')}>{enabled ? t.userProfile.totpOn : t.userProfile.totpOff}</p>
      <FormAlert ui={ui} message={error} />
      {!enabled ? (
        <button
          type="button"
          className={ui.cx('secondaryButton')}
          disabled={starting}
          aria-busy={starting}
          onClick={() => void start()}
        >
          {starting ? t.userProfile.totpStarting : t.userProfile.totpStart}
        </button>
      ) : mode.kind === 'regenerate' ? (
        <CodeForm
          opensOnRequest
          ui={ui}
          autoFocus
          label={t.fields.mfaCode}
          hint={t.userProfile.regenerateHint}
          submitLabel={t.userProfile.regenerate}
          pendingLabel={t.userProfile.regenerating}
          onSubmit={async (code) => {
            const { backup_codes } = await mfa.regenerateBackupCodes(code)
            setMode({ kind: 'idle' })
            onBackupCodes(backup_codes)
          }}
        >
          {cancel}
        </CodeForm>
      ) : mode.kind === 'disable' ? (
        <CodeForm
          opensOnRequest
          ui={ui}
          autoFocus
          label={t.fields.mfaCode}
          hint={t.userProfile.disableHint}
          submitLabel={t.userProfile.disableTotp}
          pendingLabel={t.userProfile.disabling}
          onSubmit={async (code) => {
            await mfa.disableTotp(code)
            setMode({ kind: 'idle' })
            onStatus(t.userProfile.totpDisabled)
          }}
        >
          {cancel}
        </CodeForm>
      ) : (
        <div className={ui.cx('itemActions')}>
          <button type="button" className={ui.cx('secondaryButton')} onClick={() => setMode({ kind: 'regenerate' })}>
            {t.userProfile.regenerate}
          </button>
          <button type="button" className={ui.cx('dangerButton')} onClick={() => setMode({ kind: 'disable' })}>
            {t.userProfile.disableTotp}
          </button>
        </div>
      )}
    </div>
  )
}
