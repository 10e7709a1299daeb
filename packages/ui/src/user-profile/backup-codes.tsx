import { useRef } from 'react'
import { usePrimaryAction } from '../internal/primary-action'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import type { Ui } from '../internal/use-ui'

export interface BackupCodesProps {
  ui: Ui
  codes: readonly string[]
  onDone: () => void
  /** 3 under a section's h2 (UserProfile), 2 under a card's h1 (MfaSetup). */
  headingLevel?: 2 | 3
}

/** New backup codes, shown once; the heading takes focus so they are read out. */
export function BackupCodes({ ui, codes, onDone, headingLevel = 3 }: BackupCodesProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const { t } = ui
  const heading = useRef<HTMLHeadingElement>(null)
  useFocusOnMount(heading)
  // The step the person is on: its button is the pane's one primary button until they are done.
  usePrimaryAction({ claimOnMount: true })
  return (
    <div className={ui.cx('notice')}>
      <Heading ref={heading} tabIndex={-1} className={ui.cx('itemTitle')}>
        {t.userProfile.backupCodesTitle}
      </Heading>
      <p>{t.userProfile.backupCodesBody}</p>
      <ul className={ui.cx('codeList')} aria-label={t.userProfile.backupCodesTitle}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" className={ui.cx('primaryButton')} onClick={onDone}>
        {t.userProfile.backupCodesDone}
      </button>
    </div>
  )
}
