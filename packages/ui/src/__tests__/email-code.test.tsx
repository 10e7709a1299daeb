// Emailed one-time codes in SignIn ("Email me a code") and SignUp (verify the address with a code), against the
// reference server behind MSW with `emailCodes` on.
import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { totp } from '@plinto/testing'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { SignIn, SignUp, es } from '../index'
import { adaWithTotp, expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, renderWithPlinto } = useRenderWithPlinto({ config: { emailCodes: true } })
afterEach(() => vi.useRealTimers())

const lastCode = () => plinto.lastMessage(EMAIL).code!
const wrongCode = () => String((Number(lastCode()) + 1) % 1_000_000).padStart(6, '0')

/** Renders SignIn with codes on and gets to the code step for Ada. */
async function toCodeStep(user: ReturnType<typeof userEvent.setup>) {
  const page = renderWithPlinto(<SignIn emailCode redirectUrl="/dashboard" />)
  await user.click(screen.getByRole('button', { name: 'Email me a code' }))
  const email = screen.getByLabelText('Email')
  await waitFor(() => expect(email).toHaveFocus())
  await user.type(email, EMAIL)
  await user.click(screen.getByRole('button', { name: 'Send code' }))
  await screen.findByRole('heading', { name: 'Check your email' })
  return page
}

test('SignIn offers "Email me a code" only when the app enables it', () => {
  renderWithPlinto(<SignIn />)
  expect(screen.queryByRole('button', { name: 'Email me a code' })).toBeNull()
})

test('code sent → a wrong code is refused at the field → the right one signs in', async () => {
  await seedAda(plinto)
  const user = userEvent.setup()
  const { container, navigate, client } = await toCodeStep(user)
  expect(plinto.requests.find((r) => r.path === '/auth/email-code/send')?.body).toEqual({
    email: EMAIL,
    purpose: 'sign_in',
  })
  const field = screen.getByLabelText('Code from the email')
  await waitFor(() => expect(field).toHaveFocus())
  expect(field).toHaveAttribute('autocomplete', 'one-time-code')
  expect(field).toHaveAttribute('inputmode', 'numeric')
  expect(field).toHaveAccessibleDescription(`Enter the 6-digit code we sent to ${EMAIL}.`)
  expect(screen.getByRole('button', { name: /^Send a new code in \d+ s$/ })).toBeDisabled()
  await expectNoAxeViolations(container)

  await user.type(field, wrongCode())
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  expect(await screen.findByText('That code is not right. Check the email and try again.')).toBeInTheDocument()
  expect(field).toHaveAttribute('aria-invalid', 'true')

  await user.clear(field)
  await user.type(field, lastCode())
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
  expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
})

test('an expired code says so; after the cooldown a new code replaces it and signs in', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  await seedAda(plinto)
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
  const { navigate } = await toCodeStep(user)
  const first = lastCode()
  plinto.clock.advance(10 * 60_000)
  await user.type(screen.getByLabelText('Code from the email'), first)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  expect(
    await screen.findByText('This code has expired or was replaced by a newer one. Send a new code.'),
  ).toBeInTheDocument()
  expect(screen.getByLabelText('Code from the email')).toHaveValue('')

  // The button counts down once a second.
  for (let second = 0; second < 30; second++) await act(() => vi.advanceTimersByTimeAsync(1000))
  await user.click(screen.getByRole('button', { name: 'Send a new code' }))
  expect(await screen.findByText('We sent a new code. The previous one no longer works.')).toBeInTheDocument()
  expect(plinto.countRequests('POST', '/auth/email-code/send')).toBe(2)
  expect(screen.getByRole('button', { name: /^Send a new code in \d+ s$/ })).toBeDisabled()
  await user.type(screen.getByLabelText('Code from the email'), lastCode())
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
})

test('too many wrong codes end the code: the form says to send a new one', async () => {
  await seedAda(plinto)
  const user = userEvent.setup()
  await toCodeStep(user)
  const field = screen.getByLabelText('Code from the email')
  for (let i = 0; i < 5; i++) {
    await user.clear(field)
    await user.type(field, wrongCode())
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(plinto.countRequests('POST', '/auth/email-code/verify')).toBe(i + 1))
  }
  expect(await screen.findByText('Too many wrong codes. Send a new code.')).toBeInTheDocument()
  expect(field).toHaveValue('')
})

test('an account with two-step verification continues from the code into the MFA step', async () => {
  const { secret } = await adaWithTotp(plinto)
  const user = userEvent.setup()
  const { navigate } = await toCodeStep(user)
  await user.type(screen.getByLabelText('Code from the email'), lastCode())
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument()
  await user.type(screen.getByLabelText('Verification code'), await totp(secret, plinto.clock.now()))
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
})

test('"Use another email" goes back to the address step', async () => {
  await seedAda(plinto)
  const user = userEvent.setup()
  await toCodeStep(user)
  await user.click(screen.getByRole('button', { name: 'Use another email' }))
  expect(screen.getByRole('button', { name: 'Send code' })).toBeInTheDocument()
})

test('a server without codes: the send is refused in words', async () => {
  plinto.app.plinto.config.emailCodes = false
  try {
    const user = userEvent.setup()
    renderWithPlinto(<SignIn emailCode />)
    await user.click(screen.getByRole('button', { name: 'Email me a code' }))
    await user.type(screen.getByLabelText('Email'), EMAIL)
    await user.click(screen.getByRole('button', { name: 'Send code' }))
    expect(await screen.findByText('Signing in with an emailed code is not available here.')).toBeInTheDocument()
  } finally {
    plinto.app.plinto.config.emailCodes = true
  }
})

test('SignUp: "Enter a code instead" verifies the new address with an emailed code', async () => {
  const user = userEvent.setup()
  const { client, container } = renderWithPlinto(<SignUp emailCode nameFields={false} />)
  await user.type(screen.getByLabelText('Email'), EMAIL)
  await user.type(screen.getByLabelText('Password'), PASSWORD)
  await user.click(screen.getByRole('button', { name: 'Create account' }))
  await user.click(await screen.findByRole('button', { name: 'Enter a code instead' }))
  const field = await screen.findByLabelText('Code from the email')
  expect(plinto.lastMessage(EMAIL).subject).toBe('Your verification code')
  await expectNoAxeViolations(container)
  await user.type(field, lastCode())
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  expect(await screen.findByText('Your email address is verified.')).toBeInTheDocument()
  expect(client.getSnapshot().user?.email_verified).toBe(true)
})

test('Spanish', async () => {
  await seedAda(plinto)
  const user = userEvent.setup()
  renderWithPlinto(<SignIn emailCode localization={es} />)
  await user.click(screen.getByRole('button', { name: 'Envíame un código por correo' }))
  await user.type(screen.getByLabelText('Correo electrónico'), EMAIL)
  await user.click(screen.getByRole('button', { name: 'Enviar código' }))
  expect(await screen.findByLabelText('Código del correo')).toBeInTheDocument()
})
