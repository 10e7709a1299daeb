import { useState, type ReactNode } from 'react'
import { useMfa, type UseMfaResult } from '@plinto/react'
import { QueryState } from '../elements/query-state'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import type { Ui } from '../internal/use-ui'
import { BackupCodes } from './backup-codes'
import { SmsPart } from './sms-part'
import { TotpPart } from './totp-part'

/**
 * A second-factor method that can be set up: an authenticator app (`totp`) or text messages (`sms`).
 *
 * @example
 * ```tsx
 * const methods: MfaMethod[] = ['totp']
 * <MfaSetup methods={methods} />
 * ```
 */
export type MfaMethod = 'totp' | 'sms'

/** "On"/"Off" after the title, once the status is known. */
export function MfaBadge({ ui, mfa }: { ui: Ui; mfa: UseMfaResult }): ReactNode {
  const { t } = ui
  const enabled = mfa.data?.enabled
  if (enabled === undefined) return null
  return (
    <span className={ui.cx('badge', enabled ? 'on' : undefined)}>
      {enabled ? t.userProfile.mfaOn : t.userProfile.mfaOff}
    </span>
  )
}

export interface MfaPanelProps {
  ui: Ui
  mfa: UseMfaResult
  /** The methods offered, in order. Default both. */
  methods?: readonly MfaMethod[]
  /** Called when a method was turned on (after the backup codes, if any, were acknowledged). */
  onEnabled?: (method: MfaMethod) => void
  /** Level of the parts' headings: 3 in a section (default), 2 directly under a card's title. */
  headingLevel?: 2 | 3
}

/**
 * The body of two-step verification, shared by UserProfile's Security pane and `<MfaSetup/>`: status line,
 * the authenticator app (QR code, key, first code), text messages (number, texted code), and the backup codes
 * when the server issues them (shown once, until acknowledged).
 */
export function MfaPanel({ ui, mfa, methods = ['totp', 'sms'], onEnabled, headingLevel }: MfaPanelProps) {
  const { t } = ui
  const [codes, setCodes] = useState<{ codes: string[]; method?: MfaMethod }>()
  const [status, setStatus] = useState<string>()
  // A method was turned on: tell the app now, or after the backup codes it issued were acknowledged.
  const enabled = (method: MfaMethod) => (backupCodes?: string[]) => {
    if (backupCodes?.length) setCodes({ codes: backupCodes, method })
    else onEnabled?.(method)
  }

  return (
    <>
      <StatusMessage ui={ui} message={status} />
      <QueryState ui={ui} query={mfa} skeletonRows={1}>
        {(data) =>
          codes ? (
            <BackupCodes
              ui={ui}
              codes={codes.codes}
              headingLevel={headingLevel}
              onDone={() => {
                setCodes(undefined)
                if (codes.method) onEnabled?.(codes.method)
              }}
            />
          ) : (
            <>
              {data.enabled ? (
                <p className={ui.cx('itemDetail')}>{t.userProfile.backupCodesRemaining(data.backup_codes_remaining)}</p>
              ) : null}
              {methods.map((method) =>
                method === 'totp' ? (
                  <TotpPart
                    key="totp"
                    ui={ui}
                    mfa={mfa}
                    headingLevel={headingLevel}
                    enabled={data.methods.includes('totp')}
                    onEnabled={enabled('totp')}
                    onBackupCodes={(backupCodes) => setCodes({ codes: backupCodes })}
                    onStatus={setStatus}
                  />
                ) : (
                  <SmsPart
                    key="sms"
                    ui={ui}
                    mfa={mfa}
                    headingLevel={headingLevel}
                    enabled={data.methods.includes('sms')}
                    onEnabled={enabled('sms')}
                    onStatus={setStatus}
                  />
                ),
              )}
            </>
          )
        }
      </QueryState>
    </>
  )
}

/** Two-step verification in UserProfile: a section titled with an On/Off badge around {@link MfaPanel}. */
export function MfaSection({ ui }: { ui: Ui }) {
  const mfa = useMfa()
  return (
    <Section ui={ui} title={ui.t.userProfile.mfaTitle} badge={<MfaBadge ui={ui} mfa={mfa} />}>
      <MfaPanel ui={ui} mfa={mfa} />
    </Section>
  )
}
