import { StrictMode } from 'react'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { EMAIL, PASSWORD } from '@plinto/test-support'
import { VerifyEmail } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedUpWithLink() {
  const client = makeClient()
  await client.auth.signUp({ email: EMAIL, password: PASSWORD })
  const link = new URL(plinto.lastMessage(EMAIL).link!)
  expect(link.pathname).toBe('/verify-email')
  window.history.pushState(null, '', `${link.pathname}${link.search}`)
  return client
}

test('verifies the token of the real email link once (also under Strict Mode) and refreshes the user', async () => {
  const client = await signedUpWithLink()
  const { container, navigate } = renderWithPlinto(
    <StrictMode>
      <VerifyEmail redirectUrl="/dashboard" />
    </StrictMode>,
    { client },
  )
  expect(screen.getByRole('heading', { name: 'Verifying your email…' })).toBeInTheDocument()
  const heading = await screen.findByRole('heading', { name: 'Email verified' })
  await waitFor(() => expect(heading).toHaveFocus())
  expect(plinto.countRequests('POST', '/auth/email/verify')).toBe(1)
  // The single-use token left the address bar; the component kept it (Strict Mode ran the effect twice).
  expect(window.location.pathname).toBe('/verify-email')
  expect(window.location.search).toBe('')
  await waitFor(() => expect(client.getSnapshot().user?.email_verified).toBe(true))
  await expectNoAxeViolations(container)
  await userEvent.setup().click(screen.getByRole('button', { name: 'Continue' }))
  expect(navigate).toHaveBeenCalledWith('/dashboard')
})

test('the token leaves the address bar as soon as it is read, other parameters and the history entry stay', async () => {
  const client = await signedUpWithLink()
  const token = new URL(window.location.href).searchParams.get('token')!
  window.history.replaceState({ from: 'router' }, '', `/verify-email?token=${token}&utm_source=email`)
  const historyLength = window.history.length
  plinto.faults.delay({ path: '/auth/email/verify', ms: 1_000 }) // still verifying when the URL is checked
  renderWithPlinto(<VerifyEmail />, { client })
  await waitFor(() => expect(window.location.search).toBe('?utm_source=email'))
  expect(screen.getByRole('heading', { name: 'Verifying your email…' })).toBeInTheDocument()
  expect(window.history.state).toEqual({ from: 'router' })
  expect(window.history.length).toBe(historyLength) // replaced, not pushed: Back does not return to the token
  expect(await screen.findByRole('heading', { name: 'Email verified' }, { timeout: 3_000 })).toBeInTheDocument()
})

test('a token passed as a prop is verified and the address bar is left to the app', async () => {
  const client = await signedUpWithLink()
  const token = new URL(window.location.href).searchParams.get('token')!
  renderWithPlinto(<VerifyEmail token={token} />, { client })
  expect(await screen.findByRole('heading', { name: 'Email verified' })).toBeInTheDocument()
  expect(new URL(window.location.href).searchParams.get('token')).toBe(token)
})

test('a superseded link: says so and, signed in, sends a new email', async () => {
  const client = await signedUpWithLink()
  await client.auth.resendVerification() // the new email's token replaces the one in the address bar
  const { container } = renderWithPlinto(<VerifyEmail />, { client })
  expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument()
  await expectNoAxeViolations(container)
  await userEvent.setup().click(screen.getByRole('button', { name: 'Send a new link' }))
  expect(await screen.findByText('We sent a new verification email.')).toBeInTheDocument()
  expect(plinto.outbox(EMAIL)).toHaveLength(3)
})

test('a link clicked again after verifying: the signed-in user is verified, so that is success', async () => {
  const client = await signedUpWithLink()
  await client.auth.verifyEmail(new URL(window.location.href).searchParams.get('token')!)
  renderWithPlinto(<VerifyEmail />, { client })
  expect(await screen.findByRole('heading', { name: 'Email verified' })).toBeInTheDocument()
  expect(plinto.countRequests('POST', '/auth/email/verify')).toBe(2)
})

test('an expired link, signed out: no resend button (it needs a session)', async () => {
  const client = await signedUpWithLink()
  await client.auth.signOut()
  plinto.clock.advance(25 * 3600_000) // verification links live 24 hours
  renderWithPlinto(<VerifyEmail />, { client })
  expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: 'Send a new link' })).not.toBeInTheDocument()
})

test('a network failure is not mistaken for an expired link', async () => {
  const client = await signedUpWithLink()
  plinto.faults.networkError({ path: '/auth/email/verify' })
  renderWithPlinto(<VerifyEmail />, { client })
  await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('We could not reach the server.'))
})
