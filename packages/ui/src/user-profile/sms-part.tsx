import { useState, type ReactNode } from 'react'
import type { UseMfaResult } from '@plinto/react'
import { CodeForm } from '../elements/code-form'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { toE164 } from '../internal/phone-number'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

const FIELDS = ['phone'] as const

export interface SmsPartProps {
  ui: Ui
  mfa: UseMfaResult
  enabled: boolean
  /** Text messages were turned on; `backupCodes` are the codes issued with them, if any (shown next). */
  onEnabled: (backupCodes: string[] | undefined) => void
  onStatus: (message: string) => void
  /** 3 under a section's h2 (UserProfile), 2 under a card's h1 (MfaSetup). */
  headingLevel?: 2 | 3
}

/** Text-message codes: phone number → texted code → on; or off with a code. */
export function SmsPart({ ui, mfa, enabled, onEnabled, onStatus, headingLevel = 3 }: SmsPartProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const { t } = ui
  const [phone, setPhone] = useState('')
  const [sentTo, setSentTo] = useState<string>()
  const [disabling, setDisabling] = useState(false)
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [send, sending] = useGuardedAction(async () => {
    const number = toE164(phone)
    if (!number) return show({ fields: { phone: t.validation.phoneInvalid } })
    show({ fields: {} })
    try {
      await mfa.enableSms(number)
      setSentTo(number)
    } catch (error) {
      show(describeError(error, t, { phone: 'phone' }))
    }
  })

  let body: ReactNode
  if (enabled) {
    body = disabling ? (
      <CodeForm
        opensOnRequest
        ui={ui}
        autoFocus
        label={t.fields.mfaCode}
        hint={t.userProfile.disableHint}
        submitLabel={t.userProfile.disableSms}
        pendingLabel={t.userProfile.disabling}
        onSubmit={async (code) => {
          await mfa.disableSms(code)
          setDisabling(false)
          onStatus(t.userProfile.smsDisabled)
        }}
      >
        <button type="button" className={ui.cx('linkButton')} onClick={() => setDisabling(false)}>
          {t.userProfile.cancel}
        </button>
      </CodeForm>
    ) : (
      <button type="button" className={ui.cx('dangerButton')} onClick={() => setDisabling(true)}>
        {t.userProfile.disableSms}
      </button>
    )
  } else if (sentTo) {
    body = (
      <CodeForm
        opensOnRequest
        ui={ui}
        autoFocus
        label={t.fields.smsCode}
        hint={t.userProfile.smsSentTo(sentTo)}
        submitLabel={t.userProfile.smsVerify}
        pendingLabel={t.userProfile.smsVerifying}
        onSubmit={async (code) => {
          const { backup_codes } = await mfa.verifySms(code)
          setSentTo(undefined)
          setPhone('')
          onStatus(t.userProfile.smsEnabled)
          onEnabled(backup_codes)
        }}
      >
        <button type="button" className={ui.cx('linkButton')} onClick={() => setSentTo(undefined)}>
          {t.userProfile.cancel}
        </button>
      </CodeForm>
    )
  } else {
    body = (
      <Form ui={ui} error={errors.form} onSubmit={send}>
        <Field
          ui={ui}
          ref={refs.phone}
          label={t.fields.phone}
          hint={t.hints.phone}
          name="phone"
          type="tel"
          autoComplete="tel"
          value={phone}
          onValueChange={setPhone}
          error={errors.fields.phone}
        />
        <SubmitButton
          ui={ui}
          pending={sending}
          label={t.userProfile.smsStart}
          pendingLabel={t.userProfile.smsStarting}
          variant="secondary"
        />
      </Form>
    )
  }

  return (
    <div className={ui.cx('form')}>
      <Heading className={ui.cx('itemTitle')}>{t.userProfile.smsTitle}</Heading>
      {enabled ? <p className={ui.cx('itemDetail')}>{t.userProfile.smsOn}</p> : null}
      {body}
    </div>
  )
}
