// usePhoneVerification against the reference server behind MSW: the flow's steps, the cooldown it reports, typed
// errors kept for the UI, and the number's state read from the client's snapshot (so every component sees it).
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { expect, test, vi } from 'vitest'
import { PlintoClient } from '@plinto/typescript-sdk'
import { signedIn, usePlintoServer } from '@plinto/test-support'
import { PlintoProvider, usePhoneVerification, useUser } from '../index'

const { plinto, makeClient } = usePlintoServer(PlintoClient)
const PHONE = '+14155550123'

const wrapperFor = (client: PlintoClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <PlintoProvider client={client}>{children}</PlintoProvider>
  }

async function mounted() {
  const client = await signedIn(plinto, makeClient())
  const hook = renderHook(() => ({ phone: usePhoneVerification(), user: useUser().user }), {
    wrapper: wrapperFor(client),
  })
  await waitFor(() => expect(hook.result.current.user).not.toBeNull())
  return hook
}

test('outside a provider it throws an error that says how to fix it', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  expect(() => renderHook(() => usePhoneVerification())).toThrow(
    'usePhoneVerification() must be used inside <PlintoProvider>',
  )
  vi.restoreAllMocks()
})

test('idle → sendCode → code_sent (with expiry and cooldown) → verify → verified, seen by useUser too', async () => {
  const { result } = await mounted()
  expect(result.current.phone).toMatchObject({ step: 'idle', phoneNumber: null, isVerified: false, error: null })
  const before = Date.now()
  await act(() => result.current.phone.sendCode(PHONE))
  expect(result.current.phone).toMatchObject({ step: 'code_sent', pendingNumber: PHONE, phoneNumber: PHONE })
  expect(result.current.phone.canResendAt).toBeGreaterThanOrEqual(before + 30_000)
  expect(result.current.phone.codeExpiresAt).toBeGreaterThanOrEqual(before + 600_000)

  const code = plinto.lastMessage(PHONE).code as string
  await act(() => result.current.phone.verify(code))
  expect(result.current.phone).toMatchObject({ step: 'verified', isVerified: true, pendingNumber: null })
  expect(result.current.user).toMatchObject({ phone_number: PHONE, phone_verified: true })
})

test('a wrong code stays on code_sent with INVALID_PHONE_CODE in error; the next call clears it', async () => {
  const { result } = await mounted()
  await act(() => result.current.phone.sendCode(PHONE))
  const code = plinto.lastMessage(PHONE).code as string
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
  await act(async () => {
    await expect(result.current.phone.verify(wrong)).rejects.toMatchObject({ code: 'INVALID_PHONE_CODE' })
  })
  expect(result.current.phone).toMatchObject({ step: 'code_sent', isPending: false })
  expect(result.current.phone.error?.code).toBe('INVALID_PHONE_CODE')
  await act(() => result.current.phone.verify(code))
  expect(result.current.phone).toMatchObject({ step: 'verified', error: null })
})

test('resend inside the cooldown keeps the step and reports RATE_LIMITED with retryAfter', async () => {
  const { result } = await mounted()
  await act(() => result.current.phone.sendCode(PHONE))
  await act(async () => {
    await expect(result.current.phone.resend()).rejects.toMatchObject({ code: 'RATE_LIMITED' })
  })
  expect(result.current.phone.step).toBe('code_sent')
  expect(result.current.phone.error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 30 })
  // After the cooldown the resend goes out, to the pending number.
  plinto.clock.advance(31_000)
  await act(() => result.current.phone.resend())
  expect(plinto.outbox(PHONE)).toHaveLength(2)
})

test('remove clears the number everywhere and returns to idle', async () => {
  const { result } = await mounted()
  await act(() => result.current.phone.sendCode(PHONE))
  await act(() => result.current.phone.verify(plinto.lastMessage(PHONE).code as string))
  await act(() => result.current.phone.remove())
  expect(result.current.phone).toMatchObject({ step: 'idle', phoneNumber: null, isVerified: false })
  expect(result.current.user?.phone_number).toBeNull()
})
