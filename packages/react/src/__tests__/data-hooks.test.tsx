import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { describe, expect, test, vi } from 'vitest'
import { PlintoClient, type AcceptInvitationResponse } from '@plinto/typescript-sdk'
import { EMAIL, PASSWORD, signedIn, usePlintoServer } from '@plinto/test-support'
import {
  PlintoProvider,
  Protect,
  hasRole,
  useMfa,
  useOAuthProviders,
  useOrganization,
  useOrganizationInvitations,
  useOrganizationMembers,
  useOrganizations,
  usePasskeys,
  useSessions,
} from '../index'

const { plinto, makeClient } = usePlintoServer(PlintoClient)

const wrapperFor = (client: PlintoClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <PlintoProvider client={client}>{children}</PlintoProvider>
  }

/** A second session for Ada, as if she had signed in on another device. */
const otherDevice = async () => {
  const other = makeClient()
  await other.auth.signIn({ email: EMAIL, password: PASSWORD })
  return other
}

test.each([
  ['useSessions', useSessions],
  ['useOrganization', useOrganization],
  ['useOrganizations', useOrganizations],
  ['useOrganizationMembers', () => useOrganizationMembers()],
  ['useOrganizationInvitations', () => useOrganizationInvitations()],
  ['useMfa', useMfa],
  ['usePasskeys', usePasskeys],
  ['useOAuthProviders', () => useOAuthProviders()],
])('%s outside a provider throws an error that says how to fix it', (name, hook) => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  expect(() => renderHook(() => hook())).toThrow(`${name}() must be used inside <PlintoProvider>`)
  vi.restoreAllMocks()
})

test('hasRole: owner > admin > member', () => {
  expect(hasRole('owner', 'admin')).toBe(true)
  expect(hasRole('admin', 'admin')).toBe(true)
  expect(hasRole('member', 'admin')).toBe(false)
  expect(hasRole(null, 'member')).toBe(false)
})

describe('the shared query cache', () => {
  test('concurrent mounts (also under Strict Mode) make one request and share the data', async () => {
    const client = await signedIn(plinto, makeClient())
    function Count({ label }: { label: string }) {
      const { data, isLoading } = useSessions()
      return <p>{isLoading ? `${label}: loading` : `${label}: ${data?.length}`}</p>
    }
    render(
      <StrictMode>
        <PlintoProvider client={client}>
          <Count label="a" />
          <Count label="b" />
          <Count label="c" />
        </PlintoProvider>
      </StrictMode>,
    )
    expect(screen.getByText('a: loading')).toBeInTheDocument()
    expect(await screen.findByText('c: 1')).toBeInTheDocument()
    expect(screen.getByText('a: 1')).toBeInTheDocument()
    expect(plinto.countRequests('GET', '/sessions')).toBe(1)
  })

  test('a component mounted later reads the cached data without a request', async () => {
    const client = await signedIn(plinto, makeClient())
    const first = renderHook(() => useSessions(), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(first.result.current.data).toHaveLength(1))
    const second = renderHook(() => useSessions(), { wrapper: wrapperFor(client) })
    expect(second.result.current).toMatchObject({ isLoading: false, data: [{ is_current: true }] })
    expect(plinto.countRequests('GET', '/sessions')).toBe(1)
  })

  test('an action invalidates its key: every consumer gets the fresh list, with one refetch', async () => {
    const client = await signedIn(plinto, makeClient())
    await otherDevice()
    const { result } = renderHook(() => ({ a: useSessions(), b: useSessions() }), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.a.data).toHaveLength(2))
    const other = result.current.a.data!.find((s) => !s.is_current)!
    await act(() => result.current.a.revoke(other.id))
    expect(result.current.a.data).toHaveLength(1)
    expect(result.current.b.data).toHaveLength(1)
    expect(plinto.countRequests('GET', '/sessions')).toBe(2)
  })

  test('refetch joins a request already running', async () => {
    const client = await signedIn(plinto, makeClient())
    const { result } = renderHook(() => useSessions(), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.isLoading).toBe(false))
    await act(() => Promise.all([result.current.refetch(), result.current.refetch()]))
    expect(plinto.countRequests('GET', '/sessions')).toBe(2)
  })

  test('errors are returned, not thrown, and refetch recovers', async () => {
    const client = await signedIn(plinto, makeClient())
    plinto.faults.respond({
      path: '/sessions',
      method: 'GET',
      status: 500,
      body: { error: 'internal_error', message: 'boom' },
      times: 3,
    })
    const { result } = renderHook(() => useSessions(), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.error).toMatchObject({ code: 'INTERNAL_ERROR' }), { timeout: 5_000 })
    expect(result.current).toMatchObject({ data: undefined, isLoading: false })
    await act(() => result.current.refetch())
    expect(result.current).toMatchObject({ error: null, data: [{ is_current: true }] })
  })

  test('signed out: idle, no request; signing out drops the data', async () => {
    const client = makeClient()
    await client.ready()
    const { result } = renderHook(() => useSessions(), { wrapper: wrapperFor(client) })
    expect(result.current).toMatchObject({ data: undefined, isLoading: false, error: null })
    expect(plinto.countRequests('GET', '/sessions')).toBe(0)

    await act(() => signedIn(plinto, client))
    await waitFor(() => expect(result.current.data).toHaveLength(1))
    await act(() => client.auth.signOut())
    expect(result.current).toMatchObject({ data: undefined, isLoading: false })
  })

  test('revoking the current session signs the client out', async () => {
    const client = await signedIn(plinto, makeClient())
    const { result } = renderHook(() => useSessions(), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.data).toHaveLength(1))
    await act(() => result.current.revoke(result.current.data![0]!.id))
    expect(client.getSnapshot().status).toBe('signed_out')
    expect(result.current.data).toBeUndefined()
  })

  test('render counts: a token refresh does not re-render a data consumer; an invalidation renders it a bounded number of times', async () => {
    const client = await signedIn(plinto, makeClient())
    let renders = 0
    function Consumer() {
      renders++
      return <p>{useSessions().data?.length ?? 'none'}</p>
    }
    render(
      <PlintoProvider client={client}>
        <Consumer />
      </PlintoProvider>,
    )
    await screen.findByText('1')
    const settled = renders
    plinto.clock.advance(10_000)
    await act(() => client.auth.refreshToken())
    expect(renders).toBe(settled)
    await otherDevice()
    await act(() => client.sessions.listSessions()) // a call outside the cache changes nothing in it
    expect(renders).toBe(settled)
    await act(() => Promise.resolve())
    const { result } = renderHook(() => useSessions(), { wrapper: wrapperFor(client) })
    await act(() => result.current.refetch())
    expect(await screen.findByText('2')).toBeInTheDocument()
    expect(renders).toBe(settled + 2) // fetching, then the data
  })
})

describe('useMfa', () => {
  test('loads the status, and verifying TOTP refreshes it', async () => {
    const client = await signedIn(plinto, makeClient())
    const { result } = renderHook(() => useMfa(), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.data).toMatchObject({ enabled: false, methods: [] }))
    const { totp } = await import('@plinto/testing')
    let secret = ''
    await act(async () => {
      secret = (await result.current.enableTotp()).secret
    })
    await act(async () => {
      await result.current.verifyTotp(await totp(secret, plinto.clock.now()))
    })
    expect(result.current.data).toMatchObject({
      enabled: true,
      methods: ['totp', 'backup_code'],
      backup_codes_remaining: 10,
    })
  })
})

describe('members and invitations', () => {
  test('invite, list, revoke; a role change refreshes the members and the member count', async () => {
    await plinto.seedUser({ email: 'carol@example.com', password: PASSWORD })
    const client = await signedIn(plinto, makeClient())
    const acme = await client.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await client.organizations.setActive(acme.id)
    const { result } = renderHook(
      () => ({
        members: useOrganizationMembers(),
        invitations: useOrganizationInvitations(),
        active: useOrganization(),
      }),
      {
        wrapper: wrapperFor(client),
      },
    )
    await waitFor(() => expect(result.current.members.data).toHaveLength(1))
    await waitFor(() => expect(result.current.invitations.data).toEqual([]))
    await act(() => result.current.invitations.invite({ email: 'carol@example.com', role: 'member' }))
    expect(result.current.invitations.data).toMatchObject([{ email: 'carol@example.com', status: 'pending' }])

    const carol = makeClient()
    await carol.auth.signIn({ email: 'carol@example.com', password: PASSWORD })
    await carol.organizations.acceptInvitation(
      new URL(plinto.lastMessage('carol@example.com').link!).searchParams.get('token')!,
    )
    await act(() => result.current.members.refetch())
    const carolId = result.current.members.data!.find((m) => m.email === 'carol@example.com')!.user_id
    await act(() => result.current.members.updateRole(carolId, 'admin'))
    expect(result.current.members.data!.find((m) => m.user_id === carolId)!.role).toBe('admin')
    expect(result.current.active.data?.member_count).toBe(2)
    await act(() => result.current.members.remove(carolId))
    expect(result.current.members.data).toHaveLength(1)
    expect(result.current.active.data?.member_count).toBe(1)
  })
})

describe('organizations', () => {
  test('useOrganizations creates and lists; useOrganization follows setActive and the role', async () => {
    const client = await signedIn(plinto, makeClient())
    const { result } = renderHook(() => ({ list: useOrganizations(), active: useOrganization() }), {
      wrapper: wrapperFor(client),
    })
    await waitFor(() => expect(result.current.list.data).toEqual([]))
    expect(result.current.active).toMatchObject({ data: null, role: null, organizationId: null, isLoading: false })

    let id = ''
    await act(async () => {
      id = (await result.current.list.createOrganization({ name: 'Acme Corp', slug: 'acme-corp' })).id
    })
    expect(result.current.list.data).toMatchObject([{ name: 'Acme Corp', role: 'owner' }])
    await act(() => result.current.active.setActive(id))
    expect(result.current.active.organizationId).toBe(id)
    await waitFor(() => expect(result.current.active).toMatchObject({ data: { name: 'Acme Corp' }, role: 'owner' }))

    await act(() => result.current.active.update({ name: 'Acme Inc.' }))
    expect(result.current.active.data?.name).toBe('Acme Inc.')
    expect(result.current.list.data?.[0]?.name).toBe('Acme Inc.')

    await act(() => result.current.active.setActive(null))
    expect(result.current.active).toMatchObject({ data: null, role: null })
  })

  test('acceptInvitation joins through the emailed token and refreshes every consumer of the list; a used token is refused', async () => {
    await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD })
    const bob = makeClient()
    await bob.auth.signIn({ email: 'bob@example.com', password: PASSWORD })
    const acme = await bob.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    await bob.organizations.inviteMember(acme.id, { email: EMAIL, role: 'admin' })
    const token = new URL(plinto.lastMessage(EMAIL).link!).searchParams.get('token')!

    const client = await signedIn(plinto, makeClient())
    const { result } = renderHook(() => ({ page: useOrganizations(), switcher: useOrganizations() }), {
      wrapper: wrapperFor(client),
    })
    await waitFor(() => expect(result.current.page.data).toEqual([]))
    let joined: AcceptInvitationResponse | undefined
    await act(async () => {
      joined = await result.current.page.acceptInvitation(token)
    })
    expect(joined).toMatchObject({ organization: { id: acme.id, name: 'Acme' }, role: 'admin' })
    // Fresh when it resolves, for every consumer, with one refetch.
    expect(result.current.page.data).toMatchObject([{ id: acme.id, role: 'admin' }])
    expect(result.current.switcher.data).toMatchObject([{ id: acme.id, role: 'admin' }])
    expect(plinto.countRequests('GET', '/organizations')).toBe(2)
    // Joining does not switch organizations by itself.
    expect(client.getSnapshot().organizationId).toBeNull()

    await expect(act(() => result.current.page.acceptInvitation(token))).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    })
    expect(result.current.page.data).toHaveLength(1)
    expect(plinto.countRequests('GET', '/organizations')).toBe(2) // a refused token changes nothing
  })

  test('<Protect role> follows the hierarchy owner > admin > member in the active organization', async () => {
    await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD })
    await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    const acme = await plinto.seedOrganization({
      name: 'Acme',
      slug: 'acme',
      owner: 'bob@example.com',
      members: [{ email: EMAIL, role: 'admin' }],
    })
    const beta = await plinto.seedOrganization({
      name: 'Beta',
      slug: 'beta',
      owner: 'bob@example.com',
      members: [{ email: EMAIL, role: 'member' }],
    })
    const client = makeClient()
    await client.auth.signIn({ email: EMAIL, password: PASSWORD })
    render(
      <PlintoProvider client={client}>
        {/* biome-ignore lint/a11y/useValidAriaRole: Protect's role is an organization role, not an ARIA role */}
        <Protect role="member" fallback={<p>not a member</p>}>
          <p>member area</p>
        </Protect>
        {/* biome-ignore lint/a11y/useValidAriaRole: Protect's role is an organization role, not an ARIA role */}
        <Protect role="admin" fallback={<p>not an admin</p>}>
          <p>admin area</p>
        </Protect>
        {/* biome-ignore lint/a11y/useValidAriaRole: Protect's role is an organization role, not an ARIA role */}
        <Protect role="owner" fallback={<p>not the owner</p>}>
          <p>owner area</p>
        </Protect>
      </PlintoProvider>,
    )
    // No active organization: no role.
    expect(screen.getByText('not a member')).toBeInTheDocument()
    await act(() => client.organizations.setActive(acme.id))
    expect(await screen.findByText('admin area')).toBeInTheDocument()
    expect(screen.getByText('member area')).toBeInTheDocument()
    expect(screen.getByText('not the owner')).toBeInTheDocument()
    await act(() => client.organizations.setActive(beta.id))
    expect(await screen.findByText('not an admin')).toBeInTheDocument()
    expect(screen.getByText('member area')).toBeInTheDocument()
  })

  test('<Protect role> and useOrganization().role are the access token’s role: a demotion shows after the next refresh', async () => {
    await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD })
    await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    const acme = await plinto.seedOrganization({
      name: 'Acme',
      slug: 'acme',
      owner: 'bob@example.com',
      members: [{ email: EMAIL, role: 'admin' }],
    })
    const bob = makeClient()
    await bob.auth.signIn({ email: 'bob@example.com', password: PASSWORD })
    const client = makeClient()
    await client.auth.signIn({ email: EMAIL, password: PASSWORD })
    await client.organizations.setActive(acme.id)
    let role: string | null = null
    function Role() {
      role = useOrganization().role
      return null
    }
    render(
      <PlintoProvider client={client}>
        <Role />
        {/* biome-ignore lint/a11y/useValidAriaRole: Protect's role is an organization role, not an ARIA role */}
        <Protect role="admin" fallback={<p>not an admin</p>}>
          <p>admin area</p>
        </Protect>
      </PlintoProvider>,
    )
    // Known from the token at once: no loading state, and Protect fetches nothing.
    expect(screen.getByText('admin area')).toBeInTheDocument()
    expect(role).toBe('admin')
    const memberId = client.getSnapshot().user!.id
    await bob.organizations.updateMemberRole(acme.id, memberId, 'member')
    // The server has demoted her, but her token still says admin until it is refreshed.
    expect(screen.getByText('admin area')).toBeInTheDocument()
    await act(() => client.auth.refreshToken())
    expect(await screen.findByText('not an admin')).toBeInTheDocument()
    expect(role).toBe('member')
    // Removed from the organization: the next refresh has no organization at all.
    await bob.organizations.removeMember(acme.id, memberId)
    await act(() => client.auth.refreshToken())
    expect(client.getSnapshot().organizationId).toBeNull()
    expect(role).toBeNull()
    expect(screen.getByText('not an admin')).toBeInTheDocument()
  })
})
