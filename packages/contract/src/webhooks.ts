import { equalsHex, toHex } from './hex'
import type { OrganizationRole, Organization } from './organizations'
import type { User } from './user'

// The one implementation of the contract's webhook signature (CONTRACT.md § Webhooks), used by the
// reference server to sign deliveries and by the SDK's `verifyWebhookSignature` to check them. Callers
// validate their own inputs and raise their own error types; this module only does the maths.

/**
 * The header a Plinto server puts the webhook signature in. Lower case, so it works both with Fetch
 * `Headers` (case-insensitive) and with Node's `req.headers` object (whose keys are lower-cased).
 *
 * @example
 * ```ts
 * import { WEBHOOK_SIGNATURE_HEADER } from '@plinto/typescript-sdk/server'
 * const signature = request.headers.get(WEBHOOK_SIGNATURE_HEADER)
 * ```
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-plinto-signature'

/**
 * The events a Plinto server announces (CONTRACT.md § Webhooks).
 *
 * @example
 * ```ts
 * const name: WebhookEventName = 'organization.member.added'
 * ```
 */
export type WebhookEventName =
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'session.created'
  | 'session.revoked'
  | 'organization.created'
  | 'organization.member.added'
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'user.identity_linked'
  | 'user.identity_unlinked'

/**
 * The `data` of each event. Never secrets or hashes: users are their wire shape (`User`).
 *
 * @example
 * ```ts
 * const data: WebhookEventData['session.revoked'] = { session_id: 'sess_1', user_id: 'usr_1', reason: 'signout' }
 * ```
 */
export interface WebhookEventData {
  'user.created': { user: User }
  'user.updated': { user: User }
  'user.deleted': { user: User }
  'session.created': { session_id: string; user_id: string; ip: string }
  'session.revoked': { session_id: string; user_id: string; reason: string }
  'organization.created': { organization: Organization; created_by: string }
  'organization.member.added': { organization_id: string; user_id: string; role: OrganizationRole }
  'mfa.enabled': { user_id: string; method: 'totp' | 'sms'; mfa_enabled: boolean }
  'mfa.disabled': { user_id: string; method: 'totp' | 'sms'; mfa_enabled: boolean }
  'user.identity_linked': { user_id: string; identity_id: string; provider: string }
  'user.identity_unlinked': { user_id: string; identity_id: string; provider: string }
}

/**
 * A webhook body: `id` names the event and is the same on every retry (and for every endpoint), so receivers
 * de-duplicate on it; `timestamp` (ISO 8601) is when this attempt was signed, so receivers refuse replays of
 * old deliveries. `event` narrows `data`.
 *
 * @example
 * ```ts
 * function handle(event: WebhookEvent) {
 *   if (event.event === 'user.created') console.log(event.id, event.data.user.email)
 * }
 * ```
 */
export type WebhookEvent = {
  [Name in WebhookEventName]: { id: string; event: Name; timestamp: string; data: WebhookEventData[Name] }
}[WebhookEventName]

const encoder = new TextEncoder()

/**
 * The signature of `payload` keyed with `secret`: lower-case hex HMAC-SHA256 of the raw body bytes. The
 * secret's UTF-8 bytes are the key (no base64 decoding of `whsec_…`).
 *
 * @example
 * ```ts
 * import { WEBHOOK_SIGNATURE_HEADER, webhookSignature } from '@plinto/contract/webhooks'
 * const body = JSON.stringify(event)
 * headers.set(WEBHOOK_SIGNATURE_HEADER, await webhookSignature(body, 'whsec_…'))
 * ```
 */
export async function webhookSignature(payload: string | Uint8Array<ArrayBuffer>, secret: string): Promise<string> {
  return toHex(await webhookHmac(payload, secret))
}

/**
 * Whether `signature` (hex, either letter case) is the signature of `payload`, compared in constant time
 * whatever the candidate's length or content.
 *
 * @example
 * ```ts
 * import { isWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@plinto/contract/webhooks'
 * const body = await request.text() // the raw bytes, before any JSON parsing
 * const ok = await isWebhookSignature(body, request.headers.get(WEBHOOK_SIGNATURE_HEADER) ?? '', secret)
 * ```
 */
export async function isWebhookSignature(
  payload: string | Uint8Array<ArrayBuffer>,
  signature: string,
  secret: string,
): Promise<boolean> {
  return equalsHex(await webhookHmac(payload, secret), signature)
}

async function webhookHmac(payload: string | Uint8Array<ArrayBuffer>, secret: string): Promise<Uint8Array> {
  const data = typeof payload === 'string' ? encoder.encode(payload) : payload
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data))
}
