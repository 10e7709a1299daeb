import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, test, vi } from 'vitest'
import { PlintoClient } from '@plinto/typescript-sdk'
import { API_URL, EMAIL, PASSWORD, signedIn, usePlintoServer } from '@plinto/test-support'
import { PlintoProvider, Protect, SignedIn, SignedOut, useAuth, usePlinto, useSession, useUser } from '../index'

// Email codes on, for useAuth's code actions (the server offers them only when configured to).
const { plinto, makeClient } = usePlintoServer(PlintoClient, { config: { emailCodes: true } })

const wrapperFor = (client: PlintoClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <PlintoProvider client={client}>{children}</PlintoProvider>
  }

describe('outside a provider', () => {
  test.each([
    ['usePlinto', usePlinto],
    ['useAuth', useAuth],
    ['useUser', useUser],
    ['useSession', useSession],
  ])('%s throws an error that says how to fix it', (name, hook) => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => hook())).toThrow(`${name}() must be used inside <PlintoProvider>`)
    vi.restoreAllMocks()
  })

  test('the gates throw too', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<SignedIn>x</SignedIn>)).toThrow('SignedIn() must be used inside <PlintoProvider>')
    vi.restoreAllMocks()
  })
})

describe('usePlinto', () => {
  test('goes from loading to signed out, then follows a sign-in and a sign-out', async () => {
    const client = makeClient()
    const { result } = renderHook(() => usePlinto(), { wrapper: wrapperFor(client) })
    expect(result.current).toMatchObject({ client, user: null, isAuthenticated: false, isLoading: true })
    await waitFor(() => expect(result.current.isLoading).toBe(false))
    expect(result.current.isAuthenticated).toBe(false)

    await act(() => signedIn(plinto, client))
    expect(result.current).toMatchObject({
      isAuthenticated: true,
      isLoading: false,
      user: { email: EMAIL, first_name: 'Ada' },
    })

    await act(() => client.auth.signOut())
    expect(result.current).toMatchObject({ user: null, isAuthenticated: false })
  })

  test('speaks useUser’s vocabulary (isLoaded, isSignedIn); isLoading and isAuthenticated are their deprecated aliases', async () => {
    const client = makeClient()
    const { result } = renderHook(() => usePlinto(), { wrapper: wrapperFor(client) })
    expect(result.current).toMatchObject({
      isLoaded: false,
      isSignedIn: false,
      isLoading: true,
      isAuthenticated: false,
    })
    await waitFor(() => expect(result.current.isLoaded).toBe(true))
    expect(result.current).toMatchObject({ isSignedIn: false, isLoading: false, isAuthenticated: false })
    await act(() => signedIn(plinto, client))
    expect(result.current).toMatchObject({ isLoaded: true, isSignedIn: true, isLoading: false, isAuthenticated: true })
  })

  test('refreshUser fetches the user again and every consumer sees the new data', async () => {
    const client = makeClient()
    await client.auth.signUp({ email: EMAIL, password: PASSWORD })
    const { result } = renderHook(() => ({ plinto: usePlinto(), user: useUser() }), { wrapper: wrapperFor(client) })
    expect(result.current.plinto.user?.email_verified).toBe(false)
    // Verify the address behind the client's back, as the user would from their mail app on another device.
    const token = new URL(plinto.lastMessage(EMAIL).link!).searchParams.get('token')
    await fetch(`${API_URL}/api/v1/auth/email/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    })
    let returned: unknown
    await act(async () => {
      returned = await result.current.plinto.refreshUser()
    })
    expect(returned).toMatchObject({ email_verified: true })
    expect(result.current.plinto.user?.email_verified).toBe(true)
    expect(result.current.user.user?.email_verified).toBe(true)
    expect(plinto.countRequests('GET', '/auth/me')).toBe(1)
  })

  test('keeps the same result object while nothing it holds changes', async () => {
    const client = await signedIn(plinto, makeClient())
    const { result, rerender } = renderHook(() => usePlinto(), { wrapper: wrapperFor(client) })
    const first = result.current
    rerender()
    expect(result.current).toBe(first)
  })
})

describe('useAuth', () => {
  test('signs in and out through its actions', async () => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    const client = makeClient()
    const { result } = renderHook(() => useAuth(), { wrapper: wrapperFor(client) })
    await act(() => result.current.signIn({ email: EMAIL, password: PASSWORD }))
    expect(result.current).toMatchObject({ isAuthenticated: true, user: { email: EMAIL } })
    await act(() => result.current.signOut())
    expect(result.current.isAuthenticated).toBe(false)
    expect(plinto.countRequests('POST', '/auth/signout')).toBe(1)
  })

  test('signs in with an emailed code, and verifies an address with one, through its actions', async () => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    const client = makeClient()
    const { result } = renderHook(() => useAuth(), { wrapper: wrapperFor(client) })
    await act(() => result.current.sendEmailCode({ email: EMAIL, purpose: 'sign_in' }))
    const code = plinto.lastMessage(EMAIL).code!
    await act(() => result.current.signInWithEmailCode({ email: EMAIL, code }))
    expect(result.current).toMatchObject({ isSignedIn: true, user: { email: EMAIL } })

    const other = 'grace@example.com'
    const second = makeClient()
    const view = renderHook(() => useAuth(), { wrapper: wrapperFor(second) })
    await act(() => view.result.current.signUp({ email: other, password: PASSWORD }))
    expect(view.result.current.user?.email_verified).toBe(false)
    await act(() => view.result.current.sendEmailCode({ email: other, purpose: 'verify_email' }))
    await act(() => view.result.current.verifyEmailWithCode({ code: plinto.lastMessage(other).code! }))
    expect(view.result.current.user?.email_verified).toBe(true)
  })

  test('actions keep their identity across renders', async () => {
    const client = makeClient()
    const { result } = renderHook(() => useAuth(), { wrapper: wrapperFor(client) })
    const { signIn, signOut } = result.current
    await waitFor(() => expect(result.current.isLoading).toBe(false))
    expect(result.current.signIn).toBe(signIn)
    expect(result.current.signOut).toBe(signOut)
  })

  test('a failed action rejects with the typed error and changes nothing', async () => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    const client = makeClient()
    const { result } = renderHook(() => useAuth(), { wrapper: wrapperFor(client) })
    await expect(result.current.signIn({ email: EMAIL, password: 'wrong password!' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
    expect(result.current.isAuthenticated).toBe(false)
  })
})

describe('useUser and useSession', () => {
  test('useUser: not loaded, then signed out, then the user', async () => {
    const client = makeClient()
    const { result } = renderHook(() => useUser(), { wrapper: wrapperFor(client) })
    expect(result.current).toEqual({ user: null, isLoaded: false, isSignedIn: false })
    await waitFor(() => expect(result.current).toEqual({ user: null, isLoaded: true, isSignedIn: false }))
    await act(() => signedIn(plinto, client))
    expect(result.current).toMatchObject({ isLoaded: true, isSignedIn: true, user: { email: EMAIL } })
  })

  test('useSession reports the status and the expiry, which moves on refresh', async () => {
    const client = await signedIn(plinto, makeClient())
    const { result } = renderHook(() => useSession(), { wrapper: wrapperFor(client) })
    const before = result.current.expiresAt
    expect(result.current).toMatchObject({ status: 'signed_in', isLoaded: true, isSignedIn: true })
    expect(before).toBe(client.getSnapshot().expiresAt)
    plinto.clock.advance(10_000) // the server now issues tokens that expire 10 s later
    await act(() => client.auth.refreshToken())
    expect(result.current.expiresAt).toBe(client.getSnapshot().expiresAt)
    expect(result.current.expiresAt).toBeGreaterThan(before!)
  })
})

describe('SignedIn, SignedOut, Protect', () => {
  function Gates() {
    return (
      <>
        <SignedIn>
          <p>in</p>
        </SignedIn>
        <SignedOut>
          <p>out</p>
        </SignedOut>
        <Protect fallback={<p>fallback</p>}>
          <p>protected</p>
        </Protect>
        <Protect condition={(user) => user.email_verified} fallback={<p>verify first</p>}>
          <p>verified only</p>
        </Protect>
      </>
    )
  }

  test('render nothing while loading, then follow the status', async () => {
    const client = makeClient()
    const { container } = render(
      <PlintoProvider client={client}>
        <Gates />
      </PlintoProvider>,
    )
    expect(container).toBeEmptyDOMElement()
    expect(await screen.findByText('out')).toBeInTheDocument()
    expect(screen.getByText('fallback')).toBeInTheDocument()
    expect(screen.getByText('verify first')).toBeInTheDocument()
    expect(screen.queryByText('in')).not.toBeInTheDocument()

    await plinto.seedUser({ email: EMAIL, password: PASSWORD, email_verified: false })
    await act(() => client.auth.signIn({ email: EMAIL, password: PASSWORD }))
    expect(screen.getByText('in')).toBeInTheDocument()
    expect(screen.getByText('protected')).toBeInTheDocument()
    expect(screen.getByText('verify first')).toBeInTheDocument()
    expect(screen.queryByText('out')).not.toBeInTheDocument()
    expect(screen.queryByText('verified only')).not.toBeInTheDocument()
  })

  test('Protect renders its children when the condition holds', async () => {
    const client = await signedIn(plinto, makeClient()) // seeded users are verified
    render(
      <PlintoProvider client={client}>
        <Gates />
      </PlintoProvider>,
    )
    expect(screen.getByText('verified only')).toBeInTheDocument()
    expect(screen.queryByText('verify first')).not.toBeInTheDocument()
  })
})
