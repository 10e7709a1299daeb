import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, expect, test, vi } from 'vitest'
import { PlintoClient } from '@plinto/typescript-sdk'
import { API_URL, signedIn, usePlintoServer } from '@plinto/test-support'
import { PlintoProvider, SignedIn, SignedOut, useOrganization, useSessions, useUser } from '../index'

const { plinto, makeClient } = usePlintoServer(PlintoClient)

function App() {
  const { isLoaded, user } = useUser()
  return (
    <main>
      <p>{isLoaded ? 'ready' : 'loading'}</p>
      <SignedIn>
        <p>Hello {user?.first_name}</p>
      </SignedIn>
      <SignedOut>
        <a href="/sign-in">Sign in</a>
      </SignedOut>
    </main>
  )
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

test('the server renders the loading state even when its client already knows a user', async () => {
  const client = await signedIn(plinto, makeClient())
  const html = renderToString(
    <PlintoProvider client={client}>
      <App />
    </PlintoProvider>,
  )
  expect(html).toBe('<main><p>loading</p></main>')
})

test('hydrating server HTML into a signed-in browser causes no mismatch, then shows the user', async () => {
  const serverHtml = renderToString(
    <PlintoProvider config={{ apiUrl: API_URL, tokenStorage: { type: 'memory' } }}>
      <App />
    </PlintoProvider>,
  )
  const container = document.createElement('div')
  container.innerHTML = serverHtml
  document.body.append(container)

  const browserClient = await signedIn(plinto, makeClient())
  const consoleError = vi.spyOn(console, 'error')
  const recoverable = vi.fn()
  await act(async () => {
    hydrateRoot(
      container,
      <PlintoProvider client={browserClient}>
        <App />
      </PlintoProvider>,
      { onRecoverableError: recoverable },
    )
  })

  expect(recoverable).not.toHaveBeenCalled()
  expect(consoleError).not.toHaveBeenCalled()
  expect(container.innerHTML).toBe('<main><p>ready</p><p>Hello Ada</p></main>')
})

test('the test above can fail: a component that reads the client state during render does mismatch', async () => {
  const client = await signedIn(plinto, makeClient())
  function Naive() {
    return <p>{typeof window === 'undefined' ? 'server' : 'browser'}</p>
  }
  const container = document.createElement('div')
  container.innerHTML = '<p>server</p>'
  document.body.append(container)
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const recoverable = vi.fn()
  await act(async () => {
    hydrateRoot(
      container,
      <PlintoProvider client={client}>
        <Naive />
      </PlintoProvider>,
      { onRecoverableError: recoverable },
    )
  })
  expect(recoverable).toHaveBeenCalled()
})

test('data hooks render their loading state on the server and fetch nothing there', async () => {
  const client = await signedIn(plinto, makeClient())
  const before = plinto.requests.length
  function Sessions() {
    const { isLoading, data } = useSessions()
    const organization = useOrganization()
    return (
      <p>
        {isLoading ? 'loading' : `${data?.length} sessions`} {organization.isLoading ? 'org loading' : 'org ready'}
      </p>
    )
  }
  const html = renderToString(
    <PlintoProvider client={client}>
      <Sessions />
    </PlintoProvider>,
  )
  expect(html).toBe('<p>loading<!-- --> <!-- -->org loading</p>')
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(plinto.requests.length).toBe(before)
})

test('with initialState the server renders the signed-in user, and hydration keeps it until the client knows better', async () => {
  const ada = await signedIn(plinto, makeClient())
  const user = ada.getSnapshot().user!
  const initialState = { user, expiresAt: Date.now() + 60_000 }
  const html = renderToString(
    <PlintoProvider config={{ apiUrl: API_URL, tokenStorage: { type: 'memory' } }} initialState={initialState}>
      <App />
    </PlintoProvider>,
  )
  expect(html).toBe('<main><p>ready</p><p>Hello <!-- -->Ada</p></main>')

  // A browser client that has not read its session yet: it is `loading`, so hydration renders the server's view.
  const browserClient = makeClient()
  expect(browserClient.getSnapshot().status).toBe('loading')
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const consoleError = vi.spyOn(console, 'error')
  const recoverable = vi.fn()
  const seen: string[] = []
  const observer = new MutationObserver(() => seen.push(container.textContent ?? ''))
  observer.observe(container, { childList: true, subtree: true, characterData: true })
  await act(async () => {
    hydrateRoot(
      container,
      <PlintoProvider client={browserClient} initialState={initialState}>
        <App />
      </PlintoProvider>,
      { onRecoverableError: recoverable },
    )
  })
  expect(recoverable).not.toHaveBeenCalled()
  expect(consoleError).not.toHaveBeenCalled()

  // The memory client finds no session of its own: the server's view gives way to the client's.
  await act(() => browserClient.ready())
  expect(container.innerHTML).toBe('<main><p>ready</p><a href="/sign-in">Sign in</a></main>')
  observer.disconnect()
  // Never a "loading" paint in between.
  expect(seen.some((text) => text.startsWith('loading'))).toBe(false)
})

test('initialState with no user renders signed out on the server', () => {
  const html = renderToString(
    <PlintoProvider config={{ apiUrl: API_URL, tokenStorage: { type: 'memory' } }} initialState={{ user: null }}>
      <App />
    </PlintoProvider>,
  )
  expect(html).toBe('<main><p>ready</p><a href="/sign-in">Sign in</a></main>')
})
