import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  type VerifiedAuthenticationResponse,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server'
import type { Passkey } from '@plinto/contract'
import { toIso } from '../../clock'
import type { ServerContext } from '../../server-context'
import { fromBase64Url, toBase64Url, utf8 } from '../../crypto/encoding'
import { sha256 } from '../../crypto/hash'
import { randomId } from '../../crypto/random'
import { ApiError } from '../../errors'
import { UniqueConstraintError, type ChallengeKind, type PasskeyRecord, type UserRecord } from '../../store/types'
import { normalizeEmail } from '../accounts/user-wire'

/** How long a WebAuthn challenge stays usable (CONTRACT.md § Passkeys). */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000
// ES256 first (every platform authenticator), then EdDSA and RS256 (Windows Hello).
const ALGORITHMS = [-7, -8, -257]

/**
 * A stored passkey as the API shows it.
 */
export function toWirePasskey(passkey: PasskeyRecord): Passkey {
  return {
    id: passkey.id,
    name: passkey.name,
    created_at: toIso(passkey.created_at),
    last_used_at: passkey.last_used_at === null ? null : toIso(passkey.last_used_at),
    device_type: passkey.device_type,
    backed_up: passkey.backed_up,
  }
}

/**
 * Creation options for a signed-in user: a discoverable credential with user verification (so a passkey
 * alone is a multi-factor sign-in), the user's existing passkeys excluded. The challenge is stored bound
 * to the user.
 */
export async function registrationOptions(
  context: ServerContext,
  user: UserRecord,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { config } = context
  const existing = await context.store.passkeys.listByUser(user.id)
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email
  const options = await generateRegistrationOptions({
    rpName: config.rpName,
    rpID: config.rpId,
    userName: user.email,
    userDisplayName: displayName,
    userID: utf8(user.id),
    attestationType: 'none',
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: ALGORITHMS,
  })
  await storeChallenge(context, options.challenge, 'webauthn_registration', user.id)
  return options
}

/**
 * Verifies a registration response for the signed-in user and stores the passkey. The challenge must be
 * one issued to this user, unexpired and unused (it is spent by this call whatever the outcome); origin
 * and RP ID must match the configuration; user presence and verification are required.
 */
export async function registerPasskey(
  context: ServerContext,
  user: UserRecord,
  response: RegistrationResponseJSON,
  name: string | undefined,
): Promise<PasskeyRecord> {
  const { config } = context
  let verification: VerifiedRegistrationResponse
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => spendChallenge(context, challenge, 'webauthn_registration', user.id),
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    })
  } catch (error) {
    throw verificationFailed(error)
  }
  if (!verification.verified) throw verificationFailed()
  const info = verification.registrationInfo
  const now = context.clock.now()
  const passkey: PasskeyRecord = {
    id: randomId('pk'),
    user_id: user.id,
    credential_id: info.credential.id,
    public_key: toBase64Url(info.credential.publicKey),
    counter: info.credential.counter,
    transports: response.response.transports ?? [],
    device_type: info.credentialDeviceType,
    backed_up: info.credentialBackedUp,
    name: name ?? 'Passkey',
    created_at: now,
    last_used_at: null,
  }
  try {
    await context.store.passkeys.create(passkey)
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw verificationFailed('This passkey is already registered')
    throw error
  }
  return passkey
}

/**
 * Request options. With an `email` of an account that has passkeys, they are listed in
 * `allowCredentials` and the challenge is bound to that account; otherwise the options ask for any
 * discoverable credential of this RP (so an unknown email gets the same shape as no email).
 */
export async function authenticationOptions(
  context: ServerContext,
  email: string | undefined,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const user = email ? await context.store.users.getByEmail(normalizeEmail(email)) : undefined
  return requestOptionsFor(context, user)
}

/**
 * Request options for a signed-in user proving again who they are (`POST /auth/reauthenticate/passkey/options`):
 * their passkeys in `allowCredentials` and the challenge bound to them, so only their passkey can answer it.
 */
export function reauthenticationOptions(
  context: ServerContext,
  user: UserRecord,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return requestOptionsFor(context, user)
}

async function requestOptionsFor(
  context: ServerContext,
  user: UserRecord | undefined,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = user ? await context.store.passkeys.listByUser(user.id) : []
  const options = await generateAuthenticationOptions({
    rpID: context.config.rpId,
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    userVerification: 'required',
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: p.transports })),
  })
  await storeChallenge(
    context,
    options.challenge,
    'webauthn_authentication',
    passkeys.length > 0 && user ? user.id : null,
  )
  return options
}

/**
 * Verifies an assertion and returns the user it signs in. Refused (400 `PASSKEY_VERIFICATION_FAILED`):
 * an unknown credential, a challenge that is unknown, used, expired or bound to another account, a
 * `userHandle` that is not the credential's user, a wrong origin or RP ID, no user verification, a bad
 * signature, and a signature counter that did not increase (a cloned authenticator).
 */
export async function authenticateWithPasskey(
  context: ServerContext,
  response: AuthenticationResponseJSON,
): Promise<UserRecord> {
  const { config, store } = context
  const passkey = await store.passkeys.getByCredentialId(response.id)
  if (!passkey) {
    // Spend the challenge anyway, so a probe with an unknown credential cannot keep it alive for later.
    await spendChallenge(context, challengeOf(response), 'webauthn_authentication', null)
    throw verificationFailed('Unknown passkey')
  }
  if (response.response.userHandle && response.response.userHandle !== toBase64Url(utf8(passkey.user_id))) {
    throw verificationFailed('The passkey does not belong to this account')
  }
  let verification: VerifiedAuthenticationResponse
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => spendChallenge(context, challenge, 'webauthn_authentication', passkey.user_id),
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      credential: {
        id: passkey.credential_id,
        publicKey: new Uint8Array(fromBase64Url(passkey.public_key)),
        counter: passkey.counter,
        // Stored as the browser reported them; @simplewebauthn only passes them through.
        transports: passkey.transports as AuthenticatorTransport[],
      },
      requireUserVerification: true,
    })
  } catch (error) {
    throw verificationFailed(error)
  }
  if (!verification.verified) throw verificationFailed()
  const { newCounter, credentialBackedUp } = verification.authenticationInfo
  if (
    !(await store.passkeys.recordUse(passkey.id, passkey.counter, newCounter, context.clock.now(), credentialBackedUp))
  ) {
    throw verificationFailed('The passkey was used concurrently; try again')
  }
  const user = await store.users.get(passkey.user_id)
  if (!user) throw verificationFailed('Unknown passkey')
  return user
}

async function storeChallenge(
  context: ServerContext,
  challenge: string,
  kind: ChallengeKind,
  userId: string | null,
): Promise<void> {
  const now = context.clock.now()
  await context.store.challenges.deleteExpired(now)
  await context.store.challenges.create({
    key: await sha256(challenge),
    kind,
    user_id: userId,
    data: {},
    attempts: 0,
    created_at: now,
    expires_at: now + WEBAUTHN_CHALLENGE_TTL_MS,
  })
}

/**
 * Takes a challenge out of the store: true if it existed, was unexpired, and is either unbound or bound
 * to `userId`. Spent in every case, so each challenge is tried once.
 */
async function spendChallenge(
  context: ServerContext,
  challenge: string,
  kind: ChallengeKind,
  userId: string | null,
): Promise<boolean> {
  if (!challenge) return false
  const record = await context.store.challenges.consume(await sha256(challenge), kind, context.clock.now())
  if (!record) return false
  return record.user_id === null || record.user_id === userId
}

function challengeOf(response: AuthenticationResponseJSON): string {
  try {
    const clientData = JSON.parse(new TextDecoder().decode(fromBase64Url(response.response.clientDataJSON))) as {
      challenge?: unknown
    }
    return typeof clientData.challenge === 'string' ? clientData.challenge : ''
  } catch {
    return ''
  }
}

function verificationFailed(cause?: unknown): ApiError {
  // @simplewebauthn's messages say what did not match (origin, challenge, counter) without secrets;
  // they help integrators, so they are passed on.
  const detail =
    typeof cause === 'string' ? cause : cause instanceof Error ? cause.message : 'Passkey verification failed'
  return new ApiError(400, 'PASSKEY_VERIFICATION_FAILED', detail)
}
