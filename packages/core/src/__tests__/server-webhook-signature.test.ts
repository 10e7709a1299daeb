import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  isPlintoError,
  signWebhookPayload,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookPayload,
} from '../server'

const SECRET = 'whsec_test_5f2b9c'
const BODY = JSON.stringify({
  event: 'user.created',
  timestamp: '2026-11-16T10:30:00Z',
  data: { user: { id: 'usr_1234567890', email: 'zoë@example.com', created_at: '2026-11-16T10:30:00Z' } },
})
/** What the server sends, computed independently of the code under test. */
const nodeSignature = (payload: string | Buffer, secret = SECRET) =>
  createHmac('sha256', secret).update(payload).digest('hex')

describe('server: verifyWebhookSignature', () => {
  it('accepts the signature of the raw body, as node:crypto computes it', async () => {
    const signature = nodeSignature(BODY)
    expect(await signWebhookPayload(BODY, SECRET)).toBe(signature)
    expect(await verifyWebhookSignature(BODY, signature, SECRET)).toBe(true)
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
    for (const payload of payloads) expect(await verifyWebhookSignature(payload, signature, SECRET)).toBe(true)
    // Binary bodies that are not UTF-8 text are signed byte for byte.
    const binary = new Uint8Array([0xff, 0x00, 0xfe, 0x80])
    expect(await verifyWebhookSignature(binary, nodeSignature(Buffer.from(binary)), SECRET)).toBe(true)
  })

  it('accepts upper- and mixed-case hex (hex is case-insensitive)', async () => {
    const signature = nodeSignature(BODY)
    expect(await verifyWebhookSignature(BODY, signature.toUpperCase(), SECRET)).toBe(true)
    const mixed = Array.from(signature, (c, i) => (i % 2 ? c.toUpperCase() : c)).join('')
    expect(await verifyWebhookSignature(BODY, mixed, SECRET)).toBe(true)
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
      expect(await verifyWebhookSignature(changed, signature, SECRET)).toBe(false)
    }
  })

  it('refuses the signature made with another secret', async () => {
    expect(await verifyWebhookSignature(BODY, nodeSignature(BODY, 'whsec_other'), SECRET)).toBe(false)
    expect(await verifyWebhookSignature(BODY, nodeSignature(BODY), `${SECRET}x`)).toBe(false)
  })

  it('returns false, never throws, for a signature of the wrong length, non-hex, or missing', async () => {
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
      expect(await verifyWebhookSignature(BODY, candidate as string, SECRET), JSON.stringify(candidate)).toBe(false)
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
    expect(await verifyWebhookSignature('', nodeSignature(''), SECRET)).toBe(true)
    expect(new Headers({ 'X-Plinto-Signature': 'abc' }).get(WEBHOOK_SIGNATURE_HEADER)).toBe('abc')
    expect(WEBHOOK_SIGNATURE_HEADER).toBe(WEBHOOK_SIGNATURE_HEADER.toLowerCase())
  })
})
