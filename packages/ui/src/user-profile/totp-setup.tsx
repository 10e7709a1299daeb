import { useRef } from 'react'
import type { TotpSetupResponse } from '@plinto/typescript-sdk'
import { CodeForm } from '../elements/code-form'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import type { Ui } from '../internal/use-ui'

export interface TotpSetupProps {
  ui: Ui
  setup: TotpSetupResponse
  onVerify: (code: string) => Promise<void>
  onCancel: () => void
}

/** Step 2 of TOTP set-up: the server's QR code (a data: URI), the key to type instead, and the first code. */
export function TotpSetup({ ui, setup, onVerify, onCancel }: TotpSetupProps) {
  const { t } = ui
  const intro = useRef<HTMLParagraphElement>(null)
  useFocusOnMount(intro)
  return (
    <div className={ui.cx('form')}>
      <p ref={intro} tabIndex={-1}>
        {t.userProfile.totpScan}
      </p>
      <img className={ui.cx('qrCode')} src={setup.qr_code} alt={t.userProfile.totpQrAlt} width={180} height={180} />
      <p className={ui.cx('hint')}>
        {t.userProfile.totpManual} <code className={ui.cx('secret')}>{setup.secret}</code>
      </p>
      <CodeForm
        opensOnRequest
        ui={ui}
        label={t.fields.mfaCode}
        hint={t.hints.mfaCode}
        submitLabel={t.userProfile.totpVerify}
        pendingLabel={t.userProfile.totpVerifying}
        onSubmit={onVerify}
      >
        <button type="button" className={ui.cx('linkButton')} onClick={onCancel}>
          {t.userProfile.cancel}
        </button>
      </CodeForm>
    </div>
  )
}
