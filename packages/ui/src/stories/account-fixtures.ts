import type { PlintoClient } from '@plinto/typescript-sdk'
import { totp, type PlintoHandlers } from '@plinto/testing'
import { EMAIL, PASSWORD, seedAdaWithTotp } from './plinto-mock'

/** Two more sessions of Ada (a phone and a tablet, as far as the list cares), signed in directly on the server. */
export async function otherSessions(plinto: PlintoHandlers, count = 2): Promise<void> {
  for (let i = 0; i < count; i++) {
    await plinto.app.request('/api/v1/auth/signin', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent':
          i % 2
            ? 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Safari/605.1'
            : 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/605.1',
      },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    })
  }
}

/** Ada with TOTP on, and `client` signed in as her (through the MFA step, with a code of the secret). */
export async function signedInWithTotp(plinto: PlintoHandlers, client: PlintoClient): Promise<string> {
  const { secret } = await seedAdaWithTotp(plinto)
  try {
    await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  } catch (error) {
    const mfaToken = (error as { mfaToken?: string }).mfaToken!
    await client.auth.verifyMfaChallenge({ mfa_token: mfaToken, code: await totp(secret, plinto.clock.now()) })
  }
  plinto.clock.advance(60_000)
  return secret
}

export const BOB = 'bob@example.com'
export const CAROL = 'carol@example.com'

/**
 * Acme with Ada in `role` (Bob owns it unless Ada does; Carol is a member), a pending invitation when
 * Ada may see them, and Acme active in `client`. Ada must be seeded and signed in already.
 */
export async function acmeWithAdaAs(
  plinto: PlintoHandlers,
  client: PlintoClient,
  role: 'owner' | 'admin' | 'member',
): Promise<void> {
  await plinto.seedUser({ email: BOB, password: PASSWORD, first_name: 'Bob', last_name: 'Builder' })
  await plinto.seedUser({ email: CAROL, password: PASSWORD, first_name: 'Carol', last_name: 'Chen' })
  const acme =
    role === 'owner'
      ? await plinto.seedOrganization({
          name: 'Acme Corp',
          slug: 'acme-corp',
          description: 'Rockets and anvils',
          owner: EMAIL,
          members: [
            { email: BOB, role: 'admin' },
            { email: CAROL, role: 'member' },
          ],
        })
      : await plinto.seedOrganization({
          name: 'Acme Corp',
          slug: 'acme-corp',
          description: 'Rockets and anvils',
          owner: BOB,
          members: [
            { email: EMAIL, role },
            { email: CAROL, role: 'member' },
          ],
        })
  await plinto.seedOrganization({ name: 'Beta Labs', slug: 'beta-labs', owner: EMAIL })
  await client.organizations.setActive(acme.id)
  if (role !== 'member') await client.organizations.inviteMember(acme.id, { email: 'dan@example.com', role: 'member' })
}
