import { useState } from 'react'
import { useMfa } from '@plinto/react'
import { QueryState } from '../elements/query-state'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import type { Ui } from '../internal/use-ui'
import { BackupCodes } from './backup-codes'
import { SmsPart } from './sms-part'
import { TotpPart } from './totp-part'

/** Two-step verification: status, the authenticator app, text messages, and backup codes when issued. */
export function MfaSection({ ui }: { ui: Ui }) {
  const { t } = ui
  const mfa = useMfa()
  const [codes, setCodes] = useState<string[]>()
  const [status, setStatus] = useState<string>()
  const enabled = mfa.data?.enabled
  const badge =
    enabled === undefined ? null : (
      <span className={ui.cx('badge', enabled ? 'on' : undefined)}>
        {enabled ? t.userProfile.mfaOn : t.userProfile.mfaOff}
      </span>
    )

  return (
    <Section ui={ui} title={t.userProfile.mfaTitle} badge={badge}>
      <StatusMessage ui={ui} message={status} />
      <QueryState ui={ui} query={mfa}>
        {(data) =>
          codes ? (
            <BackupCodes ui={ui} codes={codes} onDone={() => setCodes(undefined)} />
          ) : (
            <>
              {data.enabled ? (
                <p className={ui.cx('itemDetail')}>{t.userProfile.backupCodesRemaining(data.backup_codes_remaining)}</p>
              ) : null}
              <TotpPart
                ui={ui}
                mfa={mfa}
                enabled={data.methods.includes('totp')}
                onBackupCodes={setCodes}
                onStatus={setStatus}
              />
              <SmsPart
                ui={ui}
                mfa={mfa}
                enabled={data.methods.includes('sms')}
                onBackupCodes={setCodes}
                onStatus={setStatus}
              />
            </>
          )
        }
      </QueryState>
    </Section>
  )
}
