import { StrictMode } from 'react'
import { cleanup, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { totp } from '@plinto/testing'
import { EMAIL, seedAda } from '@plinto/test-support'
import { AuthCallback, SignIn } from '../index'
import { adaWithTotp, expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
// The reference server only links to allow-listed callback URLs; its default is {appUrl}/auth/callback.
const CALLBACK = 'http://localhost:5173/auth/callback'

test('SignIn sends a magic link and shows "check your email"; AuthCallback signs in with it', async () => {
  await seedAda(plinto)
  const signInPage = renderWithPlinto(<SignIn magicLinkUrl={CALLBACK} />)
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: 'Email me a sign-in link' }))
  const email = screen.getByLabelText('Email')
  await waitFor(() => expect(email).toHaveFocus())
  await user.type(email, EMAIL)
  await user.click(screen.getByRole('button', { name: 'Send sign-in link' }))
  const heading = await screen.findByRole('heading', { name: 'Check your email' })
  await waitFor(() => expect(heading).toHaveFocus())
  await expectNoAxeViolations(signInPage.container)
  expect(plinto.requests.find((r) => r.path === '/auth/magic-link')?.body).toEqual({
    email: EMAIL,
    redirect_url: CALLBACK,
  })
  signInPage.unmount()

  const link = new URL(plinto.lastMessage(EMAIL).link!)
  expect(link.searchParams.get('magic_token')).toBeTruthy()
  window.history.pushState(null, '', `${link.pathname}${link.search}`)
  const client = makeClient()
  plinto.faults.delay({ path: '/auth/magic-link/verify', ms: 1_000 }) // long enough to inspect "Signing you in…"
  const callbackPage = renderWithPlinto(
    <StrictMode>
      <AuthCallback redirectUrl="/dashboard" />
    </StrictMode>,
    { client },
  )
  const { navigate } = callbackPage
  expect(screen.getByRole('heading', { name: 'Signing you in…' })).toBeInTheDocument()
  await expectNoAxeViolations(callbackPage.container)
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'), { timeout: 3_000 })
  expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
  expect(plinto.countRequests('POST', '/auth/magic-link/verify')).toBe(1)
  expect(window.location.search).toBe('') // the one-time token left the address bar
})

test('"Use another email" goes back to the address; "Sign in with a password instead" to the password form', async () => {
  renderWithPlinto(<SignIn magicLinkUrl={CALLBACK} />)
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Email'), EMAIL)
  await user.click(screen.getByRole('button', { name: 'Email me a sign-in link' }))
  expect(screen.getByLabelText('Email')).toHaveValue(EMAIL) // carried over
  await user.click(screen.getByRole('button', { name: 'Send sign-in link' }))
  await user.click(await screen.findByRole('button', { name: 'Use another email' }))
  await user.click(screen.getByRole('button', { name: 'Sign in with a password instead' }))
  expect(screen.getByLabelText('Password')).toBeInTheDocument()
})

test('AuthCallback: an expired link says so and links back; afterSignIn replaces navigation', async () => {
  await seedAda(plinto)
  await makeClient().auth.sendMagicLink({ email: EMAIL })
  const link = new URL(plinto.lastMessage(EMAIL).link!)
  window.history.pushState(null, '', `${link.pathname}${link.search}`)
  plinto.clock.advance(16 * 60_000)
  const { container } = renderWithPlinto(<AuthCallback signInUrl="/sign-in" />)
  expect(await screen.findByRole('heading', { name: 'This sign-in link does not work' })).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/sign-in')
  await expectNoAxeViolations(container)
})

test('AuthCallback: afterSignIn gets the user; no token at all is a failed link', async () => {
  await seedAda(plinto)
  await makeClient().auth.sendMagicLink({ email: EMAIL })
  const link = new URL(plinto.lastMessage(EMAIL).link!)
  window.history.pushState(null, '', `${link.pathname}${link.search}`)
  const afterSignIn = vi.fn()
  const first = renderWithPlinto(<AuthCallback afterSignIn={afterSignIn} />)
  await waitFor(() => expect(afterSignIn).toHaveBeenCalledWith(expect.objectContaining({ email: EMAIL })))
  expect(first.navigate).not.toHaveBeenCalled()
  first.unmount()

  renderWithPlinto(<AuthCallback />) // the token was removed from the URL by the first visit
  expect(await screen.findByRole('heading', { name: 'This sign-in link does not work' })).toBeInTheDocument()
})

/** Ada (TOTP on) asks for a link and opens it: the browser is on the callback URL. */
async function openLinkWithTotp() {
  const { secret, backupCodes } = await adaWithTotp(plinto)
  await makeClient().auth.sendMagicLink({ email: EMAIL })
  const link = new URL(plinto.lastMessage(EMAIL).link!)
  window.history.pushState(null, '', `${link.pathname}${link.search}`)
  return { secret, backupCodes }
}

test('AuthCallback: an account with two-step verification continues from the link into the code step, as SignIn does', async () => {
  const { secret } = await openLinkWithTotp()
  const { client, navigate, container } = renderWithPlinto(
    <AuthCallback redirectUrl="/dashboard" signInUrl="/sign-in" />,
  )
  expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument()
  expect(screen.getByText('Open your authenticator app to get your code.')).toBeInTheDocument()
  const code = screen.getByLabelText('Verification code')
  await waitFor(() => expect(code).toHaveFocus())
  expect(client.getSnapshot().status).toBe('signed_out')
  await expectNoAxeViolations(container)

  const user = userEvent.setup()
  await user.type(code, await totp(secret, plinto.clock.now()))
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
  expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
  expect(plinto.countRequests('POST', '/auth/magic-link/verify')).toBe(1)
  expect(plinto.countRequests('POST', '/mfa/challenge')).toBe(1)
  expect(window.location.search).toBe('')
})

test('AuthCallback: after a link, a backup code works too, and "Back to sign in" goes to signInUrl', async () => {
  const { backupCodes } = await openLinkWithTotp()
  const afterSignIn = vi.fn()
  const { navigate } = renderWithPlinto(<AuthCallback afterSignIn={afterSignIn} signInUrl="/sign-in" />)
  const user = userEvent.setup()
  await user.click(await screen.findByRole('button', { name: 'Use a backup code instead' }))
  expect(screen.getByText('Use one of your backup codes. Each code works once.')).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Back to sign in' }))
  expect(navigate).toHaveBeenCalledWith('/sign-in')
  navigate.mockClear()
  cleanup()

  // The link is spent by the first visit; a second link and a backup code finish the sign-in.
  await makeClient().auth.sendMagicLink({ email: EMAIL })
  const link = new URL(plinto.lastMessage(EMAIL).link!)
  window.history.pushState(null, '', `${link.pathname}${link.search}`)
  renderWithPlinto(<AuthCallback afterSignIn={afterSignIn} signInUrl="/sign-in" />)
  await user.click(await screen.findByRole('button', { name: 'Use a backup code instead' }))
  await user.type(screen.getByLabelText('Backup code'), backupCodes[0]!)
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(afterSignIn).toHaveBeenCalledWith(expect.objectContaining({ email: EMAIL })))
})

test('AuthCallback: an MFA step that took too long after a link says so, as SignIn does', async () => {
  const { secret } = await openLinkWithTotp()
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
