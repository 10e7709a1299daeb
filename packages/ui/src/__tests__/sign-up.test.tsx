import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { SignUp } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, renderWithPlinto } = useRenderWithPlinto()

async function fill(values: { first?: string; last?: string; email?: string; password?: string }) {
  const user = userEvent.setup()
  if (values.first) await user.type(screen.getByLabelText('First name (optional)'), values.first)
  if (values.last) await user.type(screen.getByLabelText('Last name (optional)'), values.last)
  if (values.email) await user.type(screen.getByLabelText('Email'), values.email)
  if (values.password) await user.type(screen.getByLabelText('Password'), values.password)
  return user
}

test('the fields of the docs, labelled, with the password rule as a hint; no axe violations', async () => {
  const { container } = renderWithPlinto(<SignUp />)
  expect(screen.getByRole('heading', { name: 'Create your account' })).toBeInTheDocument()
  expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
    'At least 8 characters. A few words you can remember work well.',
  )
  expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'new-password')
  await expectNoAxeViolations(container)
})

test('signs up, is signed in, shows the verification notice, and Continue navigates', async () => {
  const { client, navigate, container } = renderWithPlinto(<SignUp redirectUrl="/dashboard" />)
  const user = await fill({ first: 'Ada', last: 'Lovelace', email: EMAIL, password: PASSWORD })
  await user.click(screen.getByRole('button', { name: 'Create account' }))

  const heading = await screen.findByRole('heading', { name: 'Verify your email' })
  await waitFor(() => expect(heading).toHaveFocus())
  expect(
    screen.getByText(`We sent a verification link to ${EMAIL}. Open it to confirm your address.`),
  ).toBeInTheDocument()
  expect(client.getSnapshot()).toMatchObject({
    status: 'signed_in',
    user: { email: EMAIL, first_name: 'Ada', last_name: 'Lovelace', email_verified: false },
  })
  expect(plinto.requests.find((r) => r.path === '/auth/signup')?.body).toEqual({
    email: EMAIL,
    password: PASSWORD,
    first_name: 'Ada',
    last_name: 'Lovelace',
  })
  expect(plinto.outbox(EMAIL)).toHaveLength(1)
  await expectNoAxeViolations(container)

  await user.click(screen.getByRole('button', { name: 'Send the email again' }))
  // The status region exists before its text (so it is announced): wait for the text, not the element.
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('We sent a new verification email.'))
  expect(plinto.outbox(EMAIL)).toHaveLength(2)

  expect(navigate).not.toHaveBeenCalled()
  await user.click(screen.getByRole('button', { name: 'Continue' }))
  expect(navigate).toHaveBeenCalledWith('/dashboard')
})

test('names are optional and not sent when empty', async () => {
  renderWithPlinto(<SignUp />)
  const user = await fill({ email: EMAIL, password: PASSWORD })
  await user.click(screen.getByRole('button', { name: 'Create account' }))
  await screen.findByRole('heading', { name: 'Verify your email' })
  expect(plinto.requests.find((r) => r.path === '/auth/signup')?.body).toEqual({ email: EMAIL, password: PASSWORD })
  expect(screen.queryByRole('button', { name: 'Continue' })).not.toBeInTheDocument()
})

test('password length is checked as the server does (8–128 code points, no composition rules)', async () => {
  renderWithPlinto(<SignUp />)
  const user = await fill({ email: EMAIL, password: 'short' })
  await user.click(screen.getByRole('button', { name: 'Create account' }))
  const password = screen.getByLabelText('Password')
  expect(password).toHaveAttribute('aria-invalid', 'true')
  expect(password).toHaveAccessibleDescription(expect.stringContaining('Use at least 8 characters.'))
  await waitFor(() => expect(password).toHaveFocus())
  expect(plinto.requests).toHaveLength(0)

  await user.clear(password)
  await user.type(password, 'pässwörd') // 8 code points, all lower case: fine for the policy
  await user.click(screen.getByRole('button', { name: 'Create account' }))
  await screen.findByRole('heading', { name: 'Verify your email' })
})

test("the server's WEAK_PASSWORD is shown at the password field, in words", async () => {
  const { container } = renderWithPlinto(<SignUp />)
  const user = await fill({ email: EMAIL, password: 'password123' })
  await user.click(screen.getByRole('button', { name: 'Create account' }))
  const password = screen.getByLabelText('Password')
  await waitFor(() =>
    expect(password).toHaveAccessibleDescription(expect.stringContaining('This password is too easy to guess.')),
  )
  expect(password).toHaveAttribute('aria-invalid', 'true')
  expect(password).toHaveFocus()
  expect(plinto.requests.at(-1)?.path).toBe('/auth/signup') // the server refused it, not the form
  await expectNoAxeViolations(container)
})

test('EMAIL_TAKEN is shown at the email field', async () => {
  await seedAda(plinto)
  renderWithPlinto(<SignUp />)
  const user = await fill({ email: EMAIL, password: PASSWORD })
  await user.click(screen.getByRole('button', { name: 'Create account' }))
  await waitFor(() =>
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'An account with this email already exists. Sign in instead.',
    ),
  )
})

test('afterSignUp replaces navigation; the sign-in link is in the footer; never submits twice', async () => {
  plinto.faults.delay({ path: '/auth/signup', ms: 100 })
  const afterSignUp = vi.fn()
  const { container, navigate } = renderWithPlinto(
    <SignUp redirectUrl="/x" afterSignUp={afterSignUp} signInUrl="/sign-in" />,
  )
  expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in')
  await fill({ email: EMAIL, password: PASSWORD })
  const form = container.querySelector('form')!
  act(() => {
    fireEvent.submit(form)
    fireEvent.submit(form)
  })
  expect(screen.getByRole('button', { name: 'Creating account…' })).toHaveAttribute('aria-busy', 'true')
  await userEvent.setup().click(await screen.findByRole('button', { name: 'Continue' }))
  expect(afterSignUp).toHaveBeenCalledWith(expect.objectContaining({ email: EMAIL }))
  expect(navigate).not.toHaveBeenCalled()
  expect(plinto.countRequests('POST', '/auth/signup')).toBe(1)
})
