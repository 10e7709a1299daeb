// useReauthentication against the real reference server: a sensitive call refused with REAUTH_REQUIRED waits for the
// person (the pending request the app renders a dialog for), then goes out again once; cancelling rejects it with
// REAUTH_CANCELLED; with no component using the hook, the refusal is the call's answer at once.
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { expect, test, vi } from 'vitest'
import { PlintoClient, isPlintoError } from '@plinto/typescript-sdk'
import { PASSWORD, signedIn, usePlintoServer } from '@plinto/test-support'
import { PlintoProvider, useReauthentication, useSessions } from '../index'

const { plinto, makeClient } = usePlintoServer(PlintoClient)
const ELEVEN_MINUTES = 11 * 60_000

const wrapperFor = (client: PlintoClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <StrictMode>
        <PlintoProvider client={client}>{children}</PlintoProvider>
      </StrictMode>
    )
  }

/** Ada signed in eleven minutes ago by the server's clock: sensitive operations need a re-authentication. */
async function staleClient() {
  const client = await signedIn(plinto, makeClient())
  plinto.clock.advance(ELEVEN_MINUTES)
  return client
}

test('a refused call waits for the pending request; reauthenticate sends it again once and it succeeds', async () => {
  const client = await staleClient()
  const { result } = renderHook(() => ({ pending: useReauthentication(), sessions: useSessions() }), {
    wrapper: wrapperFor(client),
  })
  expect(result.current.pending).toBeNull()
  let revoked: Promise<unknown> | undefined
  act(() => {
    revoked = result.current.sessions.revokeAllOthers()
  })
  await waitFor(() => expect(result.current.pending).not.toBeNull())
  expect(result.current.pending?.methods).toEqual(['password'])
  expect(result.current.pending?.error.code).toBe('REAUTH_REQUIRED')

  // A wrong password rejects and leaves the request pending, so the dialog can say so.
  const wrong = await result.current.pending!.reauthenticate({ password: 'not it' }).catch((error: unknown) => error)
  expect(isPlintoError(wrong) && wrong.code).toBe('INVALID_CREDENTIALS')
  expect(result.current.pending).not.toBeNull()

  await act(() => result.current.pending!.reauthenticate({ password: PASSWORD }))
  await expect(revoked).resolves.toEqual({ revoked_count: 0 })
  expect(result.current.pending).toBeNull()
  expect(plinto.countRequests('POST', '/sessions/revoke-all')).toBe(2)
})

test('cancel rejects the refused call with REAUTH_CANCELLED and sends nothing again', async () => {
  const client = await staleClient()
  function Dialog() {
    const pending = useReauthentication()
    return pending ? (
      <button type="button" onClick={pending.cancel}>
        cancel ({pending.methods.join(', ')})
      </button>
    ) : null
  }
  render(<Dialog />, { wrapper: wrapperFor(client) })
  const revoked = client.sessions.revokeAllSessions().catch((error: unknown) => error)
  const cancel = await screen.findByRole('button', { name: 'cancel (password)' })
  act(() => cancel.click())
  const error = await revoked
  expect(isPlintoError(error) && error.code).toBe('REAUTH_CANCELLED')
  expect(screen.queryByRole('button')).toBeNull()
  expect(plinto.countRequests('POST', '/sessions/revoke-all')).toBe(1)
})

test('without a component using the hook, REAUTH_REQUIRED is the answer at once (no call hangs)', async () => {
  const client = await staleClient()
  const { unmount } = renderHook(() => useReauthentication(), { wrapper: wrapperFor(client) })
  unmount()
  const error = await client.sessions.revokeAllSessions().catch((e: unknown) => e)
  expect(isPlintoError(error) && error.code).toBe('REAUTH_REQUIRED')
})

test('unmounting the last dialog while a call waits cancels it', async () => {
  const client = await staleClient()
  const { result, unmount } = renderHook(() => useReauthentication(), { wrapper: wrapperFor(client) })
  const revoked = client.sessions.revokeAllSessions().catch((error: unknown) => error)
  await waitFor(() => expect(result.current).not.toBeNull())
  unmount()
  const error = await revoked
  expect(isPlintoError(error) && error.code).toBe('REAUTH_CANCELLED')
})

test('outside a provider it throws an error that says how to fix it', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  expect(() => renderHook(() => useReauthentication())).toThrow(
    'useReauthentication() must be used inside <PlintoProvider>',
  )
  vi.restoreAllMocks()
})
