import { StrictMode } from 'react'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { EMAIL, seedAda } from '@plinto/test-support'
import { ForgotPassword, ResetPassword } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
const NEW_PASSWORD = 'a brand new passphrase'

/** Opens the page the reset email links to, as a browser would. */
function openResetLink() {
  const link = new URL(plinto.lastMessage(EMAIL).link!)
  expect(link.pathname).toBe('/reset-password')
  window.history.pushState(null, '', `${link.pathname}${link.search}`)
}

test('ForgotPassword sends the reset email and confirms without telling whether the account exists', async () => {
  await seedAda(plinto)
  const { container } = renderWithPlinto(<ForgotPassword signInUrl="/sign-in" />)
  await expectNoAxeViolations(container)
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Email'), EMAIL)
  await user.click(screen.getByRole('button', { name: 'Send reset link' }))
  const heading = await screen.findByRole('heading', { name: 'Check your email' })
  await waitFor(() => expect(heading).toHaveFocus())
  expect(screen.getByText(/If an account exists for ada@example.com/)).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/sign-in')
  expect(plinto.outbox(EMAIL)).toHaveLength(1)
  await expectNoAxeViolations(container)
})

test('ForgotPassword: same confirmation for an unknown address; rate limits are explained', async () => {
  plinto.faults.respond({
    path: '/auth/password/forgot',
    status: 429,
    body: { detail: 'slow down', error_code: 'RATE_LIMITED', retry_after: 1800 },
  })
  renderWithPlinto(<ForgotPassword />)
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Email'), 'nobody@example.com')
  await user.click(screen.getByRole('button', { name: 'Send reset link' }))
  await waitFor(() =>
    expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 30 minutes.'),
  )
  await user.click(screen.getByRole('button', { name: 'Send reset link' }))
  expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument()
  expect(plinto.outbox('nobody@example.com')).toHaveLength(0)
})

test('ResetPassword follows the real email link (?token=), sets the password, and the new one works', async () => {
  await seedAda(plinto)
  await makeClient().auth.forgotPassword({ email: EMAIL })
  openResetLink()
  const { container } = renderWithPlinto(
    <StrictMode>
      <ResetPassword signInUrl="/sign-in" />
    </StrictMode>,
  )
  expect(screen.getByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument()
  // The token leaves the address bar at once; the form keeps it for the submit.
  await waitFor(() => expect(window.location.search).toBe(''))
  expect(window.location.pathname).toBe('/reset-password')
  await expectNoAxeViolations(container)
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('New password'), NEW_PASSWORD)
  await user.click(screen.getByRole('button', { name: 'Reset password' }))
  const heading = await screen.findByRole('heading', { name: 'Password changed' })
  await waitFor(() => expect(heading).toHaveFocus())
  expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in')
  await expect(makeClient().auth.signIn({ email: EMAIL, password: NEW_PASSWORD })).resolves.toMatchObject({
    user: { email: EMAIL },
  })
})

test('ResetPassword: a token passed as a prop is used and the address bar is left to the app', async () => {
  await seedAda(plinto)
  await makeClient().auth.forgotPassword({ email: EMAIL })
  openResetLink()
  const token = new URL(window.location.href).searchParams.get('token')!
  renderWithPlinto(<ResetPassword token={token} />)
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('New password'), NEW_PASSWORD)
  await user.click(screen.getByRole('button', { name: 'Reset password' }))
  expect(await screen.findByRole('heading', { name: 'Password changed' })).toBeInTheDocument()
  expect(new URL(window.location.href).searchParams.get('token')).toBe(token)
})

test('ResetPassword: short and common passwords are refused at the field', async () => {
  await seedAda(plinto)
  renderWithPlinto(<ResetPassword token="whatever" />)
  const user = userEvent.setup()
  const field = screen.getByLabelText('New password')
  await user.type(field, 'short')
  await user.click(screen.getByRole('button', { name: 'Reset password' }))
  expect(field).toHaveAccessibleDescription(expect.stringContaining('Use at least 8 characters.'))
  expect(plinto.requests).toHaveLength(0)

  await makeClient().auth.forgotPassword({ email: EMAIL })
  openResetLink()
  const token = new URL(window.location.href).searchParams.get('token')!
  renderWithPlinto(<ResetPassword token={token} />)
  const fresh = screen.getAllByLabelText('New password')[1]!
  await user.type(fresh, 'password123')
  await user.click(screen.getAllByRole('button', { name: 'Reset password' })[1]!)
  await waitFor(() =>
    expect(fresh).toHaveAccessibleDescription(expect.stringContaining('This password is too easy to guess.')),
  )
})

test('ResetPassword: an expired link says so and offers a new one', async () => {
  await seedAda(plinto)
  await makeClient().auth.forgotPassword({ email: EMAIL })
  openResetLink()
  plinto.clock.advance(16 * 60_000) // reset links live 15 minutes
  const { container } = renderWithPlinto(<ResetPassword forgotPasswordUrl="/forgot-password" />)
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('New password'), NEW_PASSWORD)
  await user.click(screen.getByRole('button', { name: 'Reset password' }))
  expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/forgot-password')
  await expectNoAxeViolations(container)
})

test('ResetPassword without any token shows the invalid-link state at once', async () => {
  renderWithPlinto(<ResetPassword />)
  expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument()
  expect(plinto.requests).toHaveLength(0)
})
