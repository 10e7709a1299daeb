import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  isPlintoError,
  signWebhookPayload,
  type VerifyWebhookOptions,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookPayload,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../server'

const SECRET = 'whsec_test_5f2b9c'
const SIGNED_AT = Date.parse('2026-11-16T10:30:00Z')
const EVENT = {
  id: 'evt_1234',
  event: 'user.created',
  timestamp: '2026-11-16T10:30:00Z',
  data: { user: { id: 'usr_1234567890', email: 'zoë@example.com', created_at: '2026-11-16T10:30:00Z' } },
}
const BODY = JSON.stringify(EVENT)
/** Verification a few seconds after the delivery was signed. */
const verify = (
  payload: WebhookPayload,
  signature: unknown,
  secret = SECRET,
  options: VerifyWebhookOptions = { now: SIGNED_AT + 3_000 },
) => verifyWebhookSignature(payload, signature as string, secret, options)
/** The refusal's code, or 'accepted'. */
const outcome = (verification: Promise<unknown>): Promise<WebhookVerificationErrorCode | 'accepted'> =>
  verification.then(
    () => 'accepted',
    (error: unknown) => {
      if (error instanceof WebhookVerificationError) return error.code
      throw error
    },
  )
/** What the server sends, computed independently of the code under test. */
const nodeSignature = (payload: string | Buffer, secret = SECRET) =>
  createHmac('sha256', secret).update(payload).digest('hex')

describe('server: verifyWebhookSignature', () => {
  it('accepts the signature of the raw body, as node:crypto computes it', async () => {
    const signature = nodeSignature(BODY)
    expect(await signWebhookPayload(BODY, SECRET)).toBe(signature)
    expect(await verify(BODY, signature)).toEqual(EVENT)
  })

  it('accepts the body as bytes: Uint8Array, Buffer, ArrayBuffer, a view into a larger buffer', async () => {
    const bytes = new TextEncoder().encode(BODY)
    const signature = nodeSignature(BODY)
    const padded = new Uint8Array(bytes.length + 8)
    padded.set(bytes, 4)
    const payloads: WebhookPayload[] = [
      bytes,
      Buffer.from(BODY),
      bytes.buffer,
      padded.subarray(4, 4 + bytes.length),
      new DataView(padded.buffer, 4, bytes.length),
    ]
    for (const payload of payloads) expect(await verify(payload, signature)).toEqual(EVENT)
    // Binary bodies that are not UTF-8 text are signed byte for byte: the signature passes, then the body is
    // refused for what it is (not an event), which also shows the signature is checked first.
    const binary = new Uint8Array([0xff, 0x00, 0xfe, 0x80])
    expect(await outcome(verify(binary, nodeSignature(Buffer.from(binary))))).toBe('INVALID_PAYLOAD')
    expect(await outcome(verify(binary, nodeSignature('other')))).toBe('INVALID_SIGNATURE')
  })

  it('accepts upper- and mixed-case hex (hex is case-insensitive)', async () => {
    const signature = nodeSignature(BODY)
    expect(await verify(BODY, signature.toUpperCase())).toEqual(EVENT)
    const mixed = Array.from(signature, (c, i) => (i % 2 ? c.toUpperCase() : c)).join('')
    expect(await verify(BODY, mixed)).toEqual(EVENT)
  })

  it('refuses a changed body, even by one byte or whitespace', async () => {
    const signature = nodeSignature(BODY)
    for (const changed of [
      BODY.replace('usr_1234567890', 'usr_1234567891'),
      `${BODY}\n`,
      ` ${BODY}`,
      JSON.stringify(JSON.parse(BODY), null, 2),
      '',
    ]) {
      expect(await outcome(verify(changed, signature))).toBe('INVALID_SIGNATURE')
    }
  })

  it('refuses the signature made with another secret', async () => {
    expect(await outcome(verify(BODY, nodeSignature(BODY, 'whsec_other')))).toBe('INVALID_SIGNATURE')
    expect(await outcome(verify(BODY, nodeSignature(BODY), `${SECRET}x`))).toBe('INVALID_SIGNATURE')
  })

  it('refuses (INVALID_SIGNATURE, never another error) a signature of the wrong length, non-hex, or missing', async () => {
    const signature = nodeSignature(BODY)
    const bad: unknown[] = [
      '',
      signature.slice(0, -1),
      signature.slice(0, -2),
      `${signature}0`,
      `${signature}00`,
      signature + signature,
      ` ${signature}`,
      `sha256=${signature}`,
      `${signature.slice(0, -1)}g`,
      `${signature.slice(0, -1)}G`,
      // Characters that differ from a valid digit or letter in bit 5 only (the case bit) must not pass for it.
      signature.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x20)),
      signature.replace(/[a-f]/g, (l) => String.fromCharCode(l.charCodeAt(0) + 0x20)),
      // Characters beyond one byte whose low bits equal a valid digit.
      signature.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0x100)),
      'z'.repeat(64),
      null,
      undefined,
      [signature],
      42,
    ]
    for (const candidate of bad) {
      expect(await outcome(verify(BODY, candidate)), JSON.stringify(candidate)).toBe('INVALID_SIGNATURE')
    }
  })

  it('rejects with CONFIG_ERROR for a missing secret or a payload that is not text or bytes', async () => {
    const signature = nodeSignature(BODY)
    const misuses: [unknown, unknown, RegExp][] = [
      [BODY, '', /needs the webhook endpoint's secret, got an empty string/],
      [BODY, undefined, /needs the webhook endpoint's secret, got undefined/],
      [JSON.parse(BODY), SECRET, /needs the raw request body .* got object; verify the body before any JSON parser/],
      [null, SECRET, /got null/],
    ]
    for (const [payload, secret, message] of misuses) {
      const error: unknown = await verifyWebhookSignature(payload as string, signature, secret as string).catch(
        (e: unknown) => e,
      )
      expect(isPlintoError(error) && error.code).toBe('CONFIG_ERROR')
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).not.toContain(signature)
    }
    await expect(signWebhookPayload(BODY, '')).rejects.toMatchObject({ code: 'CONFIG_ERROR' })
  })

  it('signs an empty body too, and exports the header name in the case Node uses', async () => {
    expect(await signWebhookPayload('', SECRET)).toBe(nodeSignature(''))
    expect(await outcome(verify('', nodeSignature('')))).toBe('INVALID_PAYLOAD')
    expect(new Headers({ 'X-Plinto-Signature': 'abc' }).get(WEBHOOK_SIGNATURE_HEADER)).toBe('abc')
    expect(WEBHOOK_SIGNATURE_HEADER).toBe(WEBHOOK_SIGNATURE_HEADER.toLowerCase())
  })
  it('refuses a correctly signed delivery whose timestamp is older than the tolerance (default 5 minutes)', async () => {
    const signature = nodeSignature(BODY)
    expect(await verify(BODY, signature, SECRET, { now: SIGNED_AT + 300_000 })).toEqual(EVENT)
    const stale = verify(BODY, signature, SECRET, { now: SIGNED_AT + 300_001 })
    await expect(stale).rejects.toBeInstanceOf(WebhookVerificationError)
    await expect(stale).rejects.toMatchObject({ code: 'TIMESTAMP_TOO_OLD', name: 'WebhookVerificationError' })
    await expect(stale).rejects.toThrow(/300 s tolerance/)
    // A refusal is not a PlintoError: that one means a mistake in the receiver's code.
    expect(isPlintoError(await stale.catch((e: unknown) => e))).toBe(false)
    // Without `now`, against the real clock: a delivery signed in 2026 is long stale.
    expect(await outcome(verifyWebhookSignature(BODY, signature, SECRET))).toBe('TIMESTAMP_TOO_OLD')
    const fresh = JSON.stringify({ ...EVENT, timestamp: new Date().toISOString() })
    expect((await verifyWebhookSignature(fresh, nodeSignature(fresh), SECRET)).id).toBe('evt_1234')
  })

  it('refuses a timestamp further in the future than the tolerance', async () => {
    const signature = nodeSignature(BODY)
    expect(await verify(BODY, signature, SECRET, { now: SIGNED_AT - 300_000 })).toEqual(EVENT)
    expect(await outcome(verify(BODY, signature, SECRET, { now: SIGNED_AT - 300_001 }))).toBe('TIMESTAMP_IN_FUTURE')
  })

  it('takes a custom tolerance; one that is not a number >= 0 refuses everything', async () => {
    const signature = nodeSignature(BODY)
    const at = (now: number, toleranceSeconds: number) =>
      outcome(verify(BODY, signature, SECRET, { now, toleranceSeconds }))
    expect(await at(SIGNED_AT + 30_000, 30)).toBe('accepted')
    expect(await at(SIGNED_AT + 30_001, 30)).toBe('TIMESTAMP_TOO_OLD')
    expect(await at(SIGNED_AT + 3_600_000, 3600)).toBe('accepted')
    expect(await at(SIGNED_AT, 0)).toBe('accepted')
    expect(await at(SIGNED_AT + 1, 0)).toBe('TIMESTAMP_TOO_OLD')
    expect(await at(SIGNED_AT + 1, Number.NaN)).toBe('TIMESTAMP_TOO_OLD')
    expect(await at(SIGNED_AT + 1, -5)).toBe('TIMESTAMP_TOO_OLD')
    expect(await at(SIGNED_AT + 10 ** 12, Number.POSITIVE_INFINITY)).toBe('accepted')
  })

  it('refuses a correctly signed body that is not an event (INVALID_PAYLOAD)', async () => {
    for (const body of [
      'not json',
      'null',
      '[]',
      '"user.created"',
      JSON.stringify({ ...EVENT, id: undefined }),
      JSON.stringify({ ...EVENT, id: 42 }),
      JSON.stringify({ ...EVENT, event: null }),
      JSON.stringify({ ...EVENT, data: null }),
      JSON.stringify({ ...EVENT, data: 'x' }),
      JSON.stringify({ ...EVENT, timestamp: undefined }),
      JSON.stringify({ ...EVENT, timestamp: 'yesterday' }),
      JSON.stringify({ ...EVENT, timestamp: 1_790_000_000_000 }),
    ]) {
      expect(await outcome(verify(body, nodeSignature(body))), body).toBe('INVALID_PAYLOAD')
    }
  })

  it('answers the typed event: narrowing on `event` types `data`', async () => {
    const event = await verify(BODY, nodeSignature(BODY))
    if (event.event !== 'user.created') throw new Error(`unexpected ${event.event}`)
    expect([event.id, event.data.user.email]).toEqual(['evt_1234', 'zoë@example.com'])
  })
})
