import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { expect, test, vi } from 'vitest'
import { PlintoClient, isPlintoError } from '@plinto/typescript-sdk'
import { API_URL, signedIn, usePlintoServer } from '@plinto/test-support'
import { PlintoProvider, useConnectedAccounts } from '../index'

const { plinto, makeClient } = usePlintoServer(PlintoClient)
const REDIRECT_URI = 'http://localhost:5173/auth/callback'

const wrapperFor = (client: PlintoClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <PlintoProvider client={client}>{children}</PlintoProvider>
  }

/** Approves on the dev provider's consent page as `email` and follows the redirects back to the app. */
async function consent(authorizationUrl: string, email: string): Promise<string> {
  const html = await (await fetch(authorizationUrl)).text()
  const state = /name="state" value="([^"]+)"/.exec(html)![1]!
  const action = new URL(/action="([^"]+)"/.exec(html)![1]!, authorizationUrl)
  const form = new URLSearchParams({ state, email, first_name: '', last_name: '', decision: 'approve' })
  let response = await fetch(action, { method: 'POST', body: form, redirect: 'manual' })
  let location = new URL(response.headers.get('location')!, action)
  while (location.origin === new URL(API_URL).origin) {
    response = await fetch(location, { redirect: 'manual' })
    location = new URL(response.headers.get('location')!, location)
  }
  return location.href
}

test('useConnectedAccounts outside a provider throws an error that says how to fix it', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  expect(() => renderHook(() => useConnectedAccounts())).toThrow(
    'useConnectedAccounts() must be used inside <PlintoProvider>',
  )
  vi.restoreAllMocks()
})

test('lists the sign-in methods; unlink refreshes them before it resolves', async () => {
  const client = await signedIn(plinto, makeClient())
  const { url } = await client.auth.linkOAuthProvider('dev', { redirectUri: REDIRECT_URI, navigate: false })
  await client.auth.handleOAuthLinkCallback(await consent(url, 'ada.work@example.com'))

  const { result } = renderHook(() => useConnectedAccounts(), { wrapper: wrapperFor(client) })
  expect(result.current.isLoading).toBe(true)
  await waitFor(() => expect(result.current.data?.identities).toHaveLength(1))
  expect(result.current.data).toMatchObject({ password: true, passkeys: 0 })
  const [identity] = result.current.data!.identities
  expect(identity).toMatchObject({ provider: 'dev', email: 'ada.work@example.com' })

  await act(() => result.current.unlink(identity!.id))
  expect(result.current.data?.identities).toEqual([])
  expect(plinto.countRequests('DELETE', `/users/me/identities/${identity!.id}`)).toBe(1)
})

test('unlinking the last way to sign in rejects with LAST_SIGN_IN_METHOD and the data stays', async () => {
  const client = makeClient()
  const { url } = await client.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
  await client.auth.handleOAuthCallback(await consent(url, 'grace@example.com'))
  const { result } = renderHook(() => useConnectedAccounts(), { wrapper: wrapperFor(client) })
  await waitFor(() => expect(result.current.data?.identities).toHaveLength(1))
  const error = await result.current.unlink(result.current.data!.identities[0]!.id).catch((e: unknown) => e)
  expect(isPlintoError(error) && error.code).toBe('LAST_SIGN_IN_METHOD')
  expect(result.current.data).toMatchObject({ password: false, identities: [{ email: 'grace@example.com' }] })
})

test('link starts the signed-in link flow (bearer) and keeps the transaction for the redirect page', async () => {
  const client = await signedIn(plinto, makeClient())
  const { result } = renderHook(() => useConnectedAccounts(), { wrapper: wrapperFor(client) })
  await waitFor(() => expect(result.current.data).toBeDefined())
  await act(() => result.current.link('dev', { redirectUri: REDIRECT_URI, navigate: false }))
  const start = plinto.requests.find((r) => r.path === '/oauth/dev/link')
  expect(start?.headers.authorization).toMatch(/^Bearer /)
})
