import { useCallback, useMemo, useState } from 'react'
import { isPlintoError, type PlintoError, type User } from '@plinto/typescript-sdk'
import { useRequiredClient } from './use-required-client'
import { useUser } from './use-user'

/**
 * Where a phone verification stands: no code pending in this component (`'idle'`), a code texted and awaited
 * (`'code_sent'`), or the account's number verified (`'verified'`).
 *
 * @example
 * ```ts
 * const step: PhoneVerificationStep = usePhoneVerification().step
 * ```
 */
export type PhoneVerificationStep = 'idle' | 'code_sent' | 'verified'

/**
 * What {@link usePhoneVerification} returns.
 *
 * @example
 * ```tsx
 * const { step, phoneNumber, sendCode, verify, resend, canResendAt, error }: UsePhoneVerificationResult =
 *   usePhoneVerification()
 * ```
 */
export interface UsePhoneVerificationResult {
  /** The account's phone number (E.164) as the snapshot has it, verified or not; null for none or signed out. */
  phoneNumber: string | null
  /** True when the account's number is verified. */
  isVerified: boolean
  /** The step of the flow; a code sent here stays `'code_sent'` until verified or {@link cancel}led. */
  step: PhoneVerificationStep
  /** The number the last code was sent to from this component, until verified or cancelled. */
  pendingNumber: string | null
  /** When (client clock, ms) the pending code expires; null without one. */
  codeExpiresAt: number | null
  /** From when (client clock, ms) another code may be requested; null without a pending code. */
  canResendAt: number | null
  /** True while a call of this hook is in flight. */
  isPending: boolean
  /** The last call's failure (`INVALID_PHONE_CODE`, `PHONE_CODE_EXPIRED`, `RATE_LIMITED`, …); cleared by the next call. */
  error: PlintoError | null
  /** Sets the number and texts it a code (`auth.startPhoneVerification`). Rejects with the error it also stores. */
  sendCode(phoneNumber: string): Promise<void>
  /** Texts a new code to the pending number (or the account's unverified one). */
  resend(): Promise<void>
  /** Confirms the code (`auth.verifyPhone`); resolves with the user, `phone_verified: true`. */
  verify(code: string): Promise<User>
  /** Removes the account's number (`auth.removePhoneNumber`) and ends the flow. */
  remove(): Promise<User>
  /** Drops the pending step here (the code stays valid on the server until it expires or is replaced). */
  cancel(): void
}

interface Pending {
  phoneNumber: string
  codeExpiresAt: number
  canResendAt: number
}

/**
 * The account's phone number and its verification, headless: send a code, resend it after the cooldown,
 * confirm it, remove the number. The number and `isVerified` come from the client's snapshot (they update
 * everywhere once verified); the step, the cooldown and the last error are this component's. Errors are typed
 * `PlintoError`s, also thrown by the actions.
 *
 * @example
 * ```tsx
 * function VerifyPhone() {
 *   const { step, isVerified, sendCode, verify, error } = usePhoneVerification()
 *   if (isVerified) return <p>Phone verified</p>
 *   const submit = (action: (value: string) => Promise<unknown>) => (e: React.FormEvent<HTMLFormElement>) => {
 *     e.preventDefault()
 *     void action(String(new FormData(e.currentTarget).get('value'))).catch(() => undefined)
 *   }
 *   return (
 *     <form onSubmit={submit(step === 'code_sent' ? verify : sendCode)}>
 *       <input name="value" autoComplete={step === 'code_sent' ? 'one-time-code' : 'tel'} />
 *       {error && <p role="alert">{error.message}</p>}
 *     </form>
 *   )
 * }
 * ```
 */
export function usePhoneVerification(): UsePhoneVerificationResult {
  const client = useRequiredClient('usePhoneVerification')
  const { user } = useUser()
  const [pending, setPending] = useState<Pending | null>(null)
  const [inFlight, setInFlight] = useState(0)
  const [error, setError] = useState<PlintoError | null>(null)

  // Every action clears the previous error, counts itself in flight and stores the typed error it fails with.
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T> => {
    setError(null)
    setInFlight((n) => n + 1)
    try {
      return await action()
    } catch (cause) {
      if (isPlintoError(cause)) setError(cause)
      throw cause
    } finally {
      setInFlight((n) => n - 1)
    }
  }, [])

  const sendCode = useCallback(
    (phoneNumber: string) =>
      run(async () => {
        const started = await client.auth.startPhoneVerification(phoneNumber)
        const now = Date.now()
        setPending({
          phoneNumber: started.user.phone_number ?? phoneNumber.trim(),
          codeExpiresAt: now + started.expires_in * 1000,
          canResendAt: now + started.resend_in * 1000,
        })
      }),
    [client, run],
  )
  const target = pending?.phoneNumber ?? (user && !user.phone_verified ? user.phone_number : null)
  const resend = useCallback(async () => {
    if (!target) throw new Error('usePhoneVerification: there is no number to resend a code to; call sendCode first')
    await sendCode(target)
  }, [sendCode, target])
  const verify = useCallback(
    (code: string) =>
      run(async () => {
        const verified = await client.auth.verifyPhone(code)
        setPending(null)
        return verified
      }),
    [client, run],
  )
  const remove = useCallback(
    () =>
      run(async () => {
        const updated = await client.auth.removePhoneNumber()
        setPending(null)
        return updated
      }),
    [client, run],
  )
  const cancel = useCallback(() => {
    setPending(null)
    setError(null)
  }, [])

  const isVerified = user?.phone_verified ?? false
  // Verified wins: a code pending for another number still waits, but the account's number is verified.
  const step: PhoneVerificationStep = pending ? 'code_sent' : isVerified ? 'verified' : 'idle'
  return useMemo(
    () => ({
      phoneNumber: user?.phone_number ?? null,
      isVerified,
      step,
      pendingNumber: pending?.phoneNumber ?? null,
      codeExpiresAt: pending?.codeExpiresAt ?? null,
      canResendAt: pending?.canResendAt ?? null,
      isPending: inFlight > 0,
      error,
      sendCode,
      resend,
      verify,
      remove,
      cancel,
    }),
    [user, isVerified, step, pending, inFlight, error, sendCode, resend, verify, remove, cancel],
  )
}
