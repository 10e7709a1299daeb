import { describe, expect, test } from 'vitest'
import { OrganizationListResponseSchema } from '@plinto/contract'
import { encodeCbor, totp, type CborValue } from '../index'
import { BASE, PASSWORD, post, usePlinto } from './setup'

const plinto = usePlinto()
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

async function signIn(email: string) {
  return (await post('/auth/signin', { email, password: PASSWORD })).json()
}

describe('seedOrganization', () => {
  test('creates an organization with members that the API then shows', async () => {
    await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
    await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD })
    const org = await plinto.seedOrganization({
      name: 'Acme',
      slug: 'acme',
      owner: 'ada@example.com',
      members: [{ email: 'bob@example.com', role: 'admin' }],
    })
    expect(org).toMatchObject({ name: 'Acme', slug: 'acme', role: 'owner', member_count: 2 })

    const { tokens } = await signIn('bob@example.com')
    const list = await (await fetch(`${BASE}/organizations`, bearer(tokens.access_token))).json()
    expect(OrganizationListResponseSchema.safeParse(list).success).toBe(true)
    expect(list.organizations).toEqual([expect.objectContaining({ id: org.id, role: 'admin', member_count: 2 })])
  })

  test('refuses members that were not seeded', async () => {
    await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
    await expect(plinto.seedOrganization({ name: 'Acme', slug: 'acme', owner: 'nobody@example.com' })).rejects.toThrow(
      /no user nobody@example.com/,
    )
  })
})

describe('organization claims', () => {
  const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())

  test('a seeded member switches through the handlers: org_id and the seeded role in the token; a stranger gets 403', async () => {
    await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
    await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD })
    await plinto.seedUser({ email: 'eve@example.com', password: PASSWORD })
    const org = await plinto.seedOrganization({
      name: 'Acme',
      slug: 'acme',
      owner: 'ada@example.com',
      members: [{ email: 'bob@example.com', role: 'admin' }],
    })
    const bob = (await signIn('bob@example.com')).tokens
    const switched = await post('/auth/organization/switch', {
      organization_id: org.id,
      refresh_token: bob.refresh_token,
    })
    expect(switched.status).toBe(200)
    expect(claims((await switched.json()).access_token)).toMatchObject({ org_id: org.id, org_role: 'admin' })

    const eve = (await signIn('eve@example.com')).tokens
    const refused = await post('/auth/organization/switch', {
      organization_id: org.id,
      refresh_token: eve.refresh_token,
    })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ error_code: 'FORBIDDEN' })
  })
})

describe('totp', () => {
  test('generates the codes the server accepts, following the server clock', async () => {
    await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
    const { tokens } = await signIn('ada@example.com')
    const { secret } = await (await post('/mfa/totp/enable', undefined, bearer(tokens.access_token))).json()
    const verified = await post(
      '/mfa/totp/verify',
      { code: await totp(secret, plinto.clock.now()) },
      bearer(tokens.access_token),
    )
    expect(await verified.json()).toEqual({ enabled: true })

    plinto.clock.advance(60_000)
    const pending = await signIn('ada@example.com')
    expect(pending.mfa_required).toBe(true)
    const done = await post('/mfa/challenge', {
      mfa_token: pending.mfa_token,
      code: await totp(secret, plinto.clock.now()),
    })
    expect(done.status).toBe(200)
    expect((await done.json()).user.mfa_enabled).toBe(true)
  })

  test('matches RFC 6238 (6-digit truncation of the SHA-1 vector at T=59)', async () => {
    // Base32 of the ASCII seed "12345678901234567890"; the RFC's 8-digit value is 94287082.
    expect(await totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082')
  })
})

describe('encodeCbor', () => {
  test('encodes the RFC 8949 appendix A examples it supports', () => {
    const hex = (value: CborValue) => Array.from(encodeCbor(value), (b) => b.toString(16).padStart(2, '0')).join('')
    expect(hex(0)).toBe('00')
    expect(hex(23)).toBe('17')
    expect(hex(24)).toBe('1818')
    expect(hex(1000)).toBe('1903e8')
    expect(hex(1000000)).toBe('1a000f4240')
    expect(hex(-1)).toBe('20')
    expect(hex(-1000)).toBe('3903e7')
    expect(hex('IETF')).toBe('6449455446')
    expect(hex(new Uint8Array([1, 2, 3, 4]))).toBe('4401020304')
    expect(hex([1, [2, 3], [4, 5]])).toBe('8301820203820405')
    expect(
      hex(
        new Map<CborValue, CborValue>([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('a201020304')
    expect(
      hex(
        new Map<CborValue, CborValue>([
          ['a', 1],
          ['b', [2, 3]],
        ]),
      ),
    ).toBe('a26161016162820203')
  })
})
