import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { totp } from '@plinto/testing'
import { API_URL, EMAIL } from '@plinto/test-support'
import { AuthCallback, es } from '../index'
import { adaWithTotp, expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
/** On the reference server's default allow-list (`{appUrl}/auth/callback`). */
const REDIRECT_URI = 'http://localhost:5173/auth/callback'

afterEach(() => sessionStorage.clear())

/**
 * What the browser does between `initiateOAuth` and the return: open the dev provider's consent page,
 * approve, follow the redirects back to `redirect_uri`. Returns that URL (with `code` and `state`).
 */
async function consent(authorizationUrl: string, email = 'dev.user@example.com'): Promise<URL> {
  const html = await (await fetch(authorizationUrl)).text()
  const state = /name="state" value="([^"]+)"/.exec(html)![1]!
  const action = new URL(/action="([^"]+)"/.exec(html)![1]!, authorizationUrl)
  const form = new URLSearchParams({ state, email, first_name: 'Dev', last_name: 'User', decision: 'approve' })
  let response = await fetch(action, { method: 'POST', body: form, redirect: 'manual' })
  let location = new URL(response.headers.get('location')!, action)
  while (location.origin === new URL(API_URL).origin) {
    response = await fetch(location, { redirect: 'manual' })
    location = new URL(response.headers.get('location')!, location)
  }
  return location
}

/** Starts the flow as the sign-in page would (same tab: the transaction waits in sessionStorage) and consents. */
async function returnFromProvider(email?: string) {
  const signInPage = makeClient()
  const { url } = await signInPage.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
  const back = await consent(url, email)
  // The browser lands on the callback page (jsdom keeps its own origin; the path and query are what count).
  window.history.replaceState(null, '', `/auth/callback${back.search}`)
  return back
}

test('a real code + state from the dev provider signs in, cleans the address bar and navigates', async () => {
  await returnFromProvider()
  const { client, navigate } = renderWithPlinto(<AuthCallback redirectUrl="/dashboard" />)
  expect(screen.getByRole('heading', { name: 'Signing you in…' })).toBeInTheDocument()
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
  expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: 'dev.user@example.com' } })
  expect(window.location.search).toBe('')
  expect(plinto.countRequests('POST', '/oauth/dev/callback')).toBe(1)
})

test('a return this browser did not start (OAUTH_STATE_MISMATCH) is explained; axe clean', async () => {
  await returnFromProvider()
  sessionStorage.clear() // another browser, or the transaction is gone
  const { container } = renderWithPlinto(<AuthCallback signInUrl="/sign-in" />)
  expect(await screen.findByRole('heading', { name: 'The sign-in did not complete' })).toBeInTheDocument()
  expect(screen.getByText(/This sign-in was not started in this browser/)).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/sign-in')
  await waitFor(() => expect(screen.getByRole('heading', { name: 'The sign-in did not complete' })).toHaveFocus())
  expect(plinto.countRequests('POST', '/oauth/dev/callback')).toBe(0)
  await expectNoAxeViolations(container)
})

test('a denied consent (?error) says the sign-in did not complete', async () => {
  const signInPage = makeClient()
  const { url } = await signInPage.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
  const state = new URL(url).searchParams.get('state')!
  window.history.replaceState(null, '', `/auth/callback?error=access_denied&state=${state}`)
  renderWithPlinto(<AuthCallback />, { localization: es })
  expect(await screen.findByRole('heading', { name: 'El inicio de sesión no se completó' })).toBeInTheDocument()
})

test('an account with two-step verification gets the code step, then is signed in', async () => {
  const { secret } = await adaWithTotp(plinto)
  await returnFromProvider(EMAIL)
  const { client, navigate, container } = renderWithPlinto(<AuthCallback redirectUrl="/dashboard" />)
  expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument()
  const code = screen.getByLabelText('Verification code')
  await waitFor(() => expect(code).toHaveFocus())
  await expectNoAxeViolations(container)
  const user = userEvent.setup()
  await user.type(code, await totp(secret, plinto.clock.now()))
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
  expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
})

test('an MFA step that took too long after the provider says so, as SignIn does (not "the provider did not confirm")', async () => {
  const { secret } = await adaWithTotp(plinto)
  await returnFromProvider(EMAIL)
  renderWithPlinto(<AuthCallback signInUrl="/sign-in" />)
  const code = await screen.findByLabelText('Verification code')
  plinto.clock.advance(6 * 60_000) // an mfa_token lives 5 minutes
  const user = userEvent.setup()
  await user.type(code, await totp(secret, plinto.clock.now()))
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  expect(await screen.findByRole('heading', { name: 'The sign-in did not complete' })).toBeInTheDocument()
  expect(screen.getByText('Your sign-in took too long. Sign in again.')).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/sign-in')
})
