import { act, render, screen, waitFor } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { afterEach, expect, test } from 'vitest'
import { PlintoClient, type PlintoClientOptions } from '@plinto/typescript-sdk'
import { API_URL, EMAIL, PASSWORD, usePlintoServer } from '@plinto/test-support'
import { PlintoProvider, usePlinto } from '../index'

// Short-lived tokens: each client's proactive refresh fires halfway through a 2 s lifetime (0.5–1 s, JWT
// expiry is whole seconds). Every client restored from the same storage presents the same refresh token
// at the same moment, so a second client or a second timer shows up as a refresh token presented twice;
// a disposed client presents none.
const { plinto } = usePlintoServer(PlintoClient, { config: { accessTokenTtl: 2 } })

const STORAGE_KEY = 'plinto_react_strict_test'
const config: PlintoClientOptions = {
  apiUrl: API_URL,
  tokenStorage: { type: 'localStorage', key: STORAGE_KEY },
  tabSync: false,
}

afterEach(() => localStorage.clear())

/** Leaves a valid stored session behind, as a previous page load would. */
async function storedSession() {
  await plinto.seedUser({ email: EMAIL, password: PASSWORD })
  const previous = new PlintoClient(config)
  await previous.auth.signIn({ email: EMAIL, password: PASSWORD })
  previous.dispose()
  expect(localStorage.getItem(STORAGE_KEY)).not.toBeNull()
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const presentedRefreshTokens = () =>
  plinto.requests
    .filter((r) => r.path === '/auth/refresh')
    .map((r) => (r.body as { refresh_token: string }).refresh_token)

/** At least one refresh ran, and no refresh token was presented by two timers. */
function expectOneTimer() {
  const tokens = presentedRefreshTokens()
  expect(tokens.length).toBeGreaterThan(0)
  expect(new Set(tokens).size).toBe(tokens.length)
}

test('Strict Mode: one client, one refresh timer, disposed on unmount', async () => {
  await storedSession()
  const clients = new Set<PlintoClient>()
  function Probe() {
    const { client, user } = usePlinto()
    clients.add(client)
    return <p>{user ? `hello ${user.email}` : 'nobody'}</p>
  }
  const { unmount } = render(
    <StrictMode>
      <PlintoProvider config={{ ...config }}>
        <Probe />
      </PlintoProvider>
    </StrictMode>,
  )
  expect(await screen.findByText(`hello ${EMAIL}`)).toBeInTheDocument()
  expect(clients.size).toBe(1)

  await act(() => sleep(1_200))
  expectOneTimer()

  unmount()
  const count = presentedRefreshTokens().length
  await act(() => sleep(1_600))
  expect(presentedRefreshTokens()).toHaveLength(count) // the disposed client's timer is gone
}, 10_000)

test('a client passed in is never disposed by the provider', async () => {
  await storedSession()
  const client = new PlintoClient(config)
  const { unmount } = render(
    <StrictMode>
      <PlintoProvider client={client}>
        <p>app</p>
      </PlintoProvider>
    </StrictMode>,
  )
  await client.ready()
  unmount()
  await act(() => sleep(1_200))
  expectOneTimer() // still refreshing after the provider unmounted: it is the app's client
  client.dispose()
}, 10_000)

test('effects that read the client see the same one after the Strict Mode remount', async () => {
  const seen: PlintoClient[] = []
  function Effect() {
    const { client } = usePlinto()
    useEffect(() => {
      seen.push(client)
    }, [client])
    return null
  }
  render(
    <StrictMode>
      <PlintoProvider config={{ ...config }}>
        <Effect />
      </PlintoProvider>
    </StrictMode>,
  )
  await waitFor(() => expect(seen).toHaveLength(2)) // Strict Mode runs effects twice
  expect(seen[0]).toBe(seen[1])
})
