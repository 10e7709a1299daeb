// Conformance: emailed one-time codes under concurrent submissions, through the app over each store. A code is a
// challenge of kind `email_code`: its attempts are claimed before a code is checked (`claimAttempt`) and it is
// spent with `consume`, so the limits hold across requests and processes on one database.
import { describe, expect, test } from 'vitest'
import { createPlintoApp, silentLogger, type PlintoStore } from '../../index'
import { call, PASSWORD } from '../helpers'

const ATTACK = 30

export function emailCodesConformance(store: () => PlintoStore): void {
  describe('email codes', () => {
    async function setUp(email: string) {
      const app = createPlintoApp({ mode: 'test', logger: silentLogger, store: store(), config: { emailCodes: true } })
      const user = await app.plinto.createUser({ email, password: PASSWORD, email_verified: true })
      const sent = await call(app, 'POST', '/api/v1/auth/email-code/send', { body: { email, purpose: 'sign_in' } })
      expect(sent.status).toBe(202)
      const code = app.plinto.outbox!.messages(email).at(-1)?.code
      expect(code).toMatch(/^\d{6}$/)
      const verify = (answer: string) =>
        call(app, 'POST', '/api/v1/auth/email-code/verify', { body: { email, code: answer, purpose: 'sign_in' } })
      return { app, user, code: code!, verify }
    }

    test(`${ATTACK} concurrent wrong codes: exactly 5 are checked, the last of them ends the code`, async () => {
      const { code, verify } = await setUp('wrong-codes@example.com')
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
      const replies = await Promise.all(Array.from({ length: ATTACK }, () => verify(wrong)))
      const codes = replies.map((r) => `${r.status} ${r.body.error_code}`)
      expect(codes.filter((c) => c === '400 INVALID_EMAIL_CODE')).toHaveLength(4)
      expect(codes.filter((c) => c === '400 EMAIL_CODE_ATTEMPTS_EXCEEDED')).toHaveLength(1)
      expect(codes.filter((c) => c === '400 EMAIL_CODE_EXPIRED')).toHaveLength(ATTACK - 5)
      // The right code no longer works either.
      expect((await verify(code)).body.error_code).toBe('EMAIL_CODE_EXPIRED')
    })

    test(`${ATTACK} concurrent submissions of the right code: exactly one session`, async () => {
      const { user, code, verify } = await setUp('right-code@example.com')
      const replies = await Promise.all(Array.from({ length: ATTACK }, () => verify(code)))
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1)
      expect(replies.filter((r) => r.status !== 200).every((r) => r.body.error_code === 'EMAIL_CODE_EXPIRED')).toBe(
        true,
      )
      expect(await store().sessions.listByUser(user.id)).toHaveLength(1)
    })
  })
}
