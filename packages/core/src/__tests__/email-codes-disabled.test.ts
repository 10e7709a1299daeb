// A server without `emailCodes` (the default): the SDK's methods reject with a typed error.
import { expect, it } from 'vitest'
import { failure, useBackend } from './integration-setup'

const { client } = useBackend()

it('sendEmailCode and signInWithEmailCode reject with EMAIL_CODES_DISABLED (403)', async () => {
  const plinto = client()
  const send = await failure(plinto.auth.sendEmailCode({ email: 'ada@example.com', purpose: 'sign_in' }))
  expect([send.code, send.status]).toEqual(['EMAIL_CODES_DISABLED', 403])
  const verify = await failure(plinto.auth.signInWithEmailCode({ email: 'ada@example.com', code: '123456' }))
  expect(verify.code).toBe('EMAIL_CODES_DISABLED')
})
