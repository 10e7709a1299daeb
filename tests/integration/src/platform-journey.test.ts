import { totp } from '@plinto/testing'
import { isPlintoError, PlintoClient, type PlintoError } from '@plinto/typescript-sdk'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startReferenceServer, tokenFromLink } from './reference-server'

// The whole platform through the SDK against the real reference server over HTTP on 127.0.0.1: sign up,
// create an organization, invite and accept, enable TOTP, sign in through the MFA challenge, revoke a session.
let server: Awaited<ReturnType<typeof startReferenceServer>>
beforeAll(async () => {
  server = await startReferenceServer()
})
afterAll(async () => {
  await server.close()
})

const PASSWORD = 'a long enough passphrase'
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

/** Signs up and verifies the address through the link the server emailed. */
async function verifiedAccount(email: string, firstName: string) {
  const plinto = newClient()
  await plinto.auth.signUp({ email, password: PASSWORD, first_name: firstName })
  const verification = (await server.outbox(email)).find((m) => m.link?.includes('verify-email'))
  await plinto.auth.verifyEmail(tokenFromLink(verification))
  return plinto
}

test('sign up → organization → invite and accept → TOTP → MFA sign-in → revoke a session', async () => {
  // Ada signs up and creates an organization; she is its owner.
  const ada = await verifiedAccount('ada@example.com', 'Ada')
  const org = await ada.organizations.createOrganization({ name: 'Analytical Engines', slug: 'analytical-engines' })
  expect(org).toMatchObject({ name: 'Analytical Engines', role: 'owner', member_count: 1 })
  await ada.organizations.setActive(org.id)
  expect(ada.getSnapshot().organizationId).toBe(org.id)

  // She invites Charles as an admin; the invitation arrives by email.
  const invitation = await ada.organizations.inviteMember(org.id, { email: 'charles@example.com', role: 'admin' })
  expect(invitation).toMatchObject({ email: 'charles@example.com', role: 'admin', status: 'pending' })
  const charles = await verifiedAccount('charles@example.com', 'Charles')
  const invitationEmail = (await server.outbox('charles@example.com')).find((m) =>
    m.link?.includes('accept-invitation'),
  )
  const accepted = await charles.organizations.acceptInvitation(tokenFromLink(invitationEmail))
  expect(accepted).toMatchObject({ organization: { id: org.id }, role: 'admin' })
  // The invitation is single-use.
  expect((await rejection(charles.organizations.acceptInvitation(tokenFromLink(invitationEmail)))).code).toBe(
    'INVALID_TOKEN',
  )
  const { members } = await ada.organizations.listMembers(org.id)
  expect(members.map((m) => [m.email, m.role]).sort()).toEqual([
    ['ada@example.com', 'owner'],
    ['charles@example.com', 'admin'],
  ])
  // An admin cannot make himself owner.
  const charlesId = members.find((m) => m.email === 'charles@example.com')!.user_id
  expect((await rejection(charles.organizations.updateMemberRole(org.id, charlesId, 'owner'))).code).toBe('FORBIDDEN')

  // Ada turns on TOTP with a code computed from the secret she was shown.
  const setup = await ada.mfa.enableTotp()
  expect(setup.qr_code).toMatch(/^data:image\//)
  expect(setup.backup_codes).toHaveLength(10)
  await ada.mfa.verifyTotp(await totp(setup.secret))
  expect(ada.getSnapshot().user?.mfa_enabled).toBe(true)

  // On another device, her password alone is no longer enough: the sign-in asks for the second factor.
  const laptop = newClient()
  const challenge = await rejection(laptop.auth.signIn({ email: 'ada@example.com', password: PASSWORD }))
  expect(challenge).toMatchObject({ code: 'MFA_REQUIRED', methods: expect.arrayContaining(['totp', 'backup_code']) })
  expect(laptop.getSnapshot().status).toBe('signed_out')
  // A wrong code is refused; the next TOTP step's code signs her in (each code is accepted once).
  expect(
    (await rejection(laptop.auth.verifyMfaChallenge({ mfa_token: challenge.mfaToken!, code: '000000' }))).code,
  ).toBe('INVALID_MFA_CODE')
  const { user } = await laptop.auth.verifyMfaChallenge({
    mfa_token: challenge.mfaToken!,
    code: await totp(setup.secret, Date.now() + 30_000),
  })
  expect(user.email).toBe('ada@example.com')
  expect(laptop.getSnapshot().status).toBe('signed_in')

  // From her first device she sees both sessions and revokes the laptop's.
  const { sessions } = await ada.sessions.listSessions()
  expect(sessions).toHaveLength(2)
  const laptopSession = sessions.find((s) => !s.is_current)!
  const laptopSignedOut = new Promise((resolve) => laptop.on('signedOut', resolve))
  await ada.sessions.revokeSession(laptopSession.id)
  expect((await ada.sessions.listSessions()).sessions.map((s) => s.id)).not.toContain(laptopSession.id)

  // The laptop finds out on its next call and is signed out; Ada's own session carries on.
  expect(await laptop.auth.getCurrentUser()).toBeNull()
  await expect(laptopSignedOut).resolves.toMatchObject({ reason: 'revoked' })
  expect(await ada.auth.getCurrentUser()).toMatchObject({ email: 'ada@example.com', mfa_enabled: true })
})
