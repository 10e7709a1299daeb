import { isPlintoError, PlintoClient, type PlintoError } from '@plinto/typescript-sdk'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startReferenceServer } from './reference-server'

// The account's phone number through the SDK against the real reference server over HTTP on 127.0.0.1: the code
// is read from the server's development outbox (`GET /__dev/outbox`, where SMS codes go in development), as an
// app's developer would.
let server: Awaited<ReturnType<typeof startReferenceServer>>
beforeAll(async () => {
  server = await startReferenceServer()
})
afterAll(async () => {
  await server.close()
})

const PASSWORD = 'a long enough passphrase'
const PHONE = '+14155550123'
const clients: PlintoClient[] = []
const newClient = () => {
  const plinto = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
  clients.push(plinto)
  return plinto
}
afterAll(() => {
  for (const plinto of clients) plinto.dispose()
})

async function rejection(promise: Promise<unknown>): Promise<PlintoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isPlintoError(error)) throw new Error(`expected a PlintoError, got ${String(error)}`)
  return error
}

const textedCode = async (phone: string) => {
  const message = (await server.outbox(phone)).at(-1)
  expect(message).toMatchObject({ channel: 'sms', to: phone })
  return message!.code!
}

test('set the number → the texted code from the dev outbox → verified; another device sees it; wrong and reused codes are refused', async () => {
  const laptop = newClient()
  await laptop.auth.signUp({ email: 'ada@example.com', password: PASSWORD })
  const phone = newClient()
  await phone.auth.signIn({ email: 'ada@example.com', password: PASSWORD })

  const started = await laptop.auth.startPhoneVerification(PHONE)
  expect(started).toMatchObject({ user: { phone_number: PHONE, phone_verified: false }, expires_in: 600 })
  const code = await textedCode(PHONE)

  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
  expect((await rejection(laptop.auth.verifyPhone(wrong))).code).toBe('INVALID_PHONE_CODE')

  // Both devices answer at once with the right code: exactly one verifies, the other finds it used.
  const results = await Promise.allSettled([laptop.auth.verifyPhone(code), phone.auth.verifyPhone(code)])
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  expect((refused.reason as PlintoError).code).toBe('PHONE_CODE_EXPIRED')

  expect(await phone.auth.getCurrentUser()).toMatchObject({ phone_number: PHONE, phone_verified: true })
  expect(await laptop.auth.getCurrentUser()).toMatchObject({ phone_number: PHONE, phone_verified: true })

  // Removing it clears it for every device.
  expect(await laptop.auth.removePhoneNumber()).toMatchObject({ phone_number: null, phone_verified: false })
  expect(await phone.auth.getCurrentUser()).toMatchObject({ phone_number: null, phone_verified: false })
})

test('a resend inside the 30 s cooldown is RATE_LIMITED with Retry-After, and sends nothing', async () => {
  const plinto = newClient()
  await plinto.auth.signUp({ email: 'bob@example.com', password: PASSWORD })
  const number = '+442071838750'
  await plinto.auth.startPhoneVerification(number)
  const error = await rejection(plinto.auth.startPhoneVerification(number))
  expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429 })
  expect(error.retryAfter).toBeGreaterThan(0)
  expect(await server.outbox(number)).toHaveLength(1)
})
