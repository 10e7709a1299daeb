import { useEffect, useState } from 'react'
import { usePhoneVerification } from '@plinto/react'
import { isPlintoError, type User } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { FormAlert } from '../elements/form-alert'
import { SubmitButton } from '../elements/submit-button'
import { describeError, type FormErrors } from '../internal/describe-error'
import { toE164 } from '../internal/phone-number'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import type { PlintoLocalization } from '../localization/localization'

const FIELDS = ['phone', 'code'] as const
type PhoneField = (typeof FIELDS)[number]

export interface PhoneVerificationFlowProps {
  ui: Ui
  /** After the code was confirmed, with the user (`phone_verified: true`). */
  onVerified?: (user: User) => void
  /** A success to announce (code resent, verified, removed); undefined clears it. */
  onStatus: (message: string | undefined) => void
}

/**
 * The steps of verifying the account's phone number, shared by `<PhoneVerification/>` and UserProfile's phone
 * section: enter the number → enter the texted code (resend after the cooldown, or use another number) →
 * verified (change or remove the number). Errors are shown at their field or at the top of the step.
 */
export function PhoneVerificationFlow({ ui, onVerified, onStatus }: PhoneVerificationFlowProps) {
  const { t } = ui
  const text = t.phoneVerification
  const phone = usePhoneVerification()
  const [number, setNumber] = useState(() => (phone.isVerified ? '' : (phone.phoneNumber ?? '')))
  const [code, setCode] = useState('')
  const [changing, setChanging] = useState(false)
  const { errors, show, refs } = useFormErrors(FIELDS)
  const cooldown = useSecondsUntil(phone.canResendAt)
  // A new step moves focus to its field, so a screen reader reads where the code went.
  useEffect(() => {
    if (phone.step === 'code_sent') refs.code.current?.focus()
  }, [phone.step, refs])
  useEffect(() => {
    if (changing) refs.phone.current?.focus()
  }, [changing, refs])

  const [send, sending] = useGuardedAction(async () => {
    onStatus(undefined)
    const value = toE164(number)
    if (!value) return show({ fields: { phone: t.validation.phoneInvalid } })
    // Known here already: no request for an answer the server would refuse.
    if (phone.isVerified && value === phone.phoneNumber) return show({ fields: { phone: text.alreadyVerified } })
    show({ fields: {} })
    try {
      await phone.sendCode(value)
      setChanging(false)
      setCode('')
    } catch (error) {
      show(describePhoneError(error, t))
    }
  })

  const [resend, resending] = useGuardedAction(async () => {
    onStatus(undefined)
    show({ fields: {} })
    try {
      await phone.resend()
      setCode('')
      onStatus(text.resent)
    } catch (error) {
      show(describePhoneError(error, t))
    }
  })

  const [verify, verifying] = useGuardedAction(async () => {
    onStatus(undefined)
    const value = code.replace(/\s+/g, '')
    if (!value) return show({ fields: { code: t.validation.codeRequired } })
    show({ fields: {} })
    try {
      const user = await phone.verify(value)
      setCode('')
      onStatus(text.verified)
      onVerified?.(user)
    } catch (error) {
      show(describePhoneError(error, t))
    }
  })

  const [remove, removing] = useGuardedAction(async () => {
    onStatus(undefined)
    show({ fields: {} })
    try {
      await phone.remove()
      setNumber('')
      setChanging(false)
      onStatus(text.removed)
    } catch (error) {
      show(describePhoneError(error, t))
    }
  })

  const removeButton = phone.phoneNumber ? (
    <button type="button" className={ui.cx('dangerButton')} disabled={removing} onClick={() => void remove()}>
      {removing ? text.removing : text.remove}
    </button>
  ) : null

  if (phone.step === 'code_sent' && phone.pendingNumber) {
    return (
      <Form ui={ui} error={errors.form} onSubmit={verify}>
        <Field
          ui={ui}
          ref={refs.code}
          label={t.fields.smsCode}
          hint={text.codeSentTo(phone.pendingNumber)}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          value={code}
          onValueChange={setCode}
          error={errors.fields.code}
        />
        <SubmitButton ui={ui} pending={verifying} label={text.verify} pendingLabel={text.verifying} />
        <button
          type="button"
          className={ui.cx('secondaryButton')}
          disabled={cooldown > 0 || resending}
          onClick={() => void resend()}
        >
          {cooldown > 0 ? text.resendIn(cooldown) : text.resend}
        </button>
        <button
          type="button"
          className={ui.cx('linkButton')}
          onClick={() => {
            setNumber(phone.pendingNumber ?? '')
            phone.cancel()
            show({ fields: {} })
          }}
        >
          {text.useAnotherNumber}
        </button>
      </Form>
    )
  }

  if (phone.step === 'verified' && phone.phoneNumber && !changing) {
    return (
      <div className={ui.cx('form')}>
        <FormAlert ui={ui} message={errors.form} />
        <p className={ui.cx('itemDetail')}>{text.verifiedBody(phone.phoneNumber)}</p>
        <div className={ui.cx('itemActions')}>
          <button
            type="button"
            className={ui.cx('secondaryButton')}
            onClick={() => {
              onStatus(undefined)
              setNumber('')
              setChanging(true)
            }}
          >
            {text.changeNumber}
          </button>
          {removeButton}
        </div>
      </div>
    )
  }

  return (
    <Form ui={ui} error={errors.form} onSubmit={send}>
      {phone.phoneNumber && !phone.isVerified ? (
        <p className={ui.cx('itemDetail')}>{text.unverifiedBody(phone.phoneNumber)}</p>
      ) : null}
      <Field
        ui={ui}
        ref={refs.phone}
        label={t.fields.phone}
        hint={t.hints.phone}
        name="phone"
        type="tel"
        autoComplete="tel"
        value={number}
        onValueChange={setNumber}
        error={errors.fields.phone}
      />
      <SubmitButton ui={ui} pending={sending} label={text.sendCode} pendingLabel={text.sending} />
      {changing ? (
        <button type="button" className={ui.cx('linkButton')} onClick={() => setChanging(false)}>
          {t.userProfile.cancel}
        </button>
      ) : (
        removeButton
      )}
    </Form>
  )
}

/** The phone errors in words, at the field they concern; anything else as every form shows it. */
function describePhoneError(error: unknown, t: PlintoLocalization): FormErrors<PhoneField> {
  const text = t.phoneVerification
  if (isPlintoError(error)) {
    switch (error.code) {
      case 'INVALID_PHONE_CODE':
        return { fields: { code: text.invalidCode } }
      case 'PHONE_CODE_EXPIRED':
        return { form: text.codeExpired, fields: {} }
      case 'PHONE_CODE_ATTEMPTS_EXCEEDED':
        return { form: text.attemptsExceeded, fields: {} }
    }
  }
  return describeError(error, t, { phone_number: 'phone', code: 'code' })
}

/**
 * Whole seconds left until `until` (client clock, ms); 0 without one or after it. Computed at each render, so the
 * first render of a new cooldown already shows it; a one-second timer re-renders while it runs.
 */
function useSecondsUntil(until: number | null): number {
  const [, tick] = useState(0)
  useEffect(() => {
    if (until === null) return
    const timer = setInterval(() => {
      tick((n) => n + 1)
      if (until <= Date.now()) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [until])
  return until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000))
}
