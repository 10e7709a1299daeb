// plinto.auth.startPhoneVerification / verifyPhone / removePhoneNumber against the reference server behind MSW:
// the snapshot's user follows phone_number and phone_verified, the server's refusals arrive as typed errors, and
// the calls load with the management chunk, not with sign-in.
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod/mini'
import { UserSchema } from '@plinto/contract/user'
import { makeUser } from './helpers'
import { PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'
const PHONE = '+14155550123'

async function signedIn() {
  await backend.seedUser({ email: EMAIL, password: PASSWORD })
  const plinto = client()
  await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
  return plinto
}

const textedCode = (phone = PHONE) => backend.lastMessage(phone).code as string
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

describe('plinto.auth phone verification', () => {
  afterEach(() => {
    vi.doUnmock('../modules/management.lazy')
  })

  it('start → code by SMS → verifyPhone: the snapshot user is verified and userUpdated fires', async () => {
    const plinto = await signedIn()
    const events = recordEvents(plinto)
    const started = await plinto.auth.startPhoneVerification(PHONE)
    expect(started).toMatchObject({ expires_in: 600, resend_in: 30, user: { phone_number: PHONE } })
    expect(plinto.getSnapshot().user).toMatchObject({ phone_number: PHONE, phone_verified: false })
    expect(backend.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/users/me/phone',
      body: { phone_number: PHONE },
    })

    const user = await plinto.auth.verifyPhone(textedCode())
    expect(user).toMatchObject({ phone_number: PHONE, phone_verified: true })
    expect(plinto.getSnapshot().user).toMatchObject({ phone_number: PHONE, phone_verified: true })
    expect(events.userUpdated.at(-1)?.user).toMatchObject({ phone_verified: true })
    // The server agrees.
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ phone_verified: true })
  })

  it('a wrong code is INVALID_PHONE_CODE; after five, PHONE_CODE_ATTEMPTS_EXCEEDED; the snapshot stays unverified', async () => {
    const plinto = await signedIn()
    await plinto.auth.startPhoneVerification(PHONE)
    const code = textedCode()
    const first = await failure(plinto.auth.verifyPhone(wrong(code)))
    expect(first).toMatchObject({ code: 'INVALID_PHONE_CODE', status: 400, retryable: false })
    for (let i = 0; i < 4; i++) await failure(plinto.auth.verifyPhone(wrong(code)))
    expect((await failure(plinto.auth.verifyPhone(code))).code).toBe('PHONE_CODE_ATTEMPTS_EXCEEDED')
    expect(plinto.getSnapshot().user?.phone_verified).toBe(false)
    // Refused answers never cost the session a refresh.
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
  })

  it('an expired code is PHONE_CODE_EXPIRED', async () => {
    const plinto = await signedIn()
    await plinto.auth.startPhoneVerification(PHONE)
    backend.clock.advance(10 * 60_000)
    expect((await failure(plinto.auth.verifyPhone(textedCode()))).code).toBe('PHONE_CODE_EXPIRED')
  })

  it('a resend inside the cooldown is RATE_LIMITED with retryAfter', async () => {
    const plinto = await signedIn()
    await plinto.auth.startPhoneVerification(PHONE)
    const error = await failure(plinto.auth.startPhoneVerification(PHONE))
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfter: 30 })
  })

  it('a malformed number is VALIDATION_ERROR on phone_number, and nothing is sent', async () => {
    const plinto = await signedIn()
    const error = await failure(plinto.auth.startPhoneVerification('415 555 0123'))
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.fields.map((f) => f.field)).toEqual(['phone_number'])
    expect(plinto.getSnapshot().user?.phone_number).toBeNull()
  })

  it('changing a verified number un-verifies it in the snapshot; removePhoneNumber clears it', async () => {
    const plinto = await signedIn()
    await plinto.auth.startPhoneVerification(PHONE)
    await plinto.auth.verifyPhone(textedCode())
    backend.clock.advance(31_000)
    await plinto.auth.startPhoneVerification('+442071838750')
    expect(plinto.getSnapshot().user).toMatchObject({ phone_number: '+442071838750', phone_verified: false })
    const removed = await plinto.auth.removePhoneNumber()
    expect(removed).toMatchObject({ phone_number: null, phone_verified: false })
    expect(plinto.getSnapshot().user).toMatchObject({ phone_number: null, phone_verified: false })
  })

  it('the phone calls load with the management chunk, not with sign-in', async () => {
    let imports = 0
    vi.doMock('../modules/management.lazy', async (importOriginal) => {
      imports++
      return importOriginal()
    })
    const plinto = await signedIn()
    expect(imports).toBe(0)
    await plinto.auth.startPhoneVerification(PHONE)
    expect(imports).toBe(1)
  })
})

describe('the user wire object from a server without the phone fields', () => {
  it('passes validation (no phone number) rather than failing every sign-in', () => {
    const { phone_number: _number, phone_verified: _verified, ...older } = makeUser()
    const user = z.parse(UserSchema, older)
    expect(user.phone_number ?? null).toBeNull()
    expect(user.phone_verified ?? false).toBe(false)
    // Sent, they are checked as usual.
    expect(() => z.parse(UserSchema, { ...older, phone_verified: 'yes' })).toThrow()
  })
})
