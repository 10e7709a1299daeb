import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test, vi } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { SignIn } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, renderWithPlinto } = useRenderWithPlinto()

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Email'), email)
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  return user
}

describe('SignIn', () => {
  test('renders labelled fields and a "Sign in" button, with no axe violations', async () => {
    const { container } = renderWithPlinto(<SignIn />)
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByLabelText('Email')).toHaveAttribute('autocomplete', 'email')
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password')
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveAttribute('type', 'submit')
    await expectNoAxeViolations(container)
  })

  test('signs in and navigates to redirectUrl', async () => {
    await seedAda(plinto)
    const { client, navigate } = renderWithPlinto(<SignIn redirectUrl="/dashboard" />)
    await fillAndSubmit(EMAIL, PASSWORD)
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
    expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(plinto.requests.find((r) => r.path === '/auth/signin')?.body).toEqual({ email: EMAIL, password: PASSWORD })
  })

  test('afterSignIn replaces the navigation', async () => {
    await seedAda(plinto)
    const afterSignIn = vi.fn()
    const { navigate } = renderWithPlinto(<SignIn redirectUrl="/dashboard" afterSignIn={afterSignIn} />)
    await fillAndSubmit(EMAIL, PASSWORD)
    await waitFor(() => expect(afterSignIn).toHaveBeenCalledWith(expect.objectContaining({ email: EMAIL })))
    expect(navigate).not.toHaveBeenCalled()
  })

  test('without a provider-level navigate, redirectUrl uses window.location.assign', async () => {
    await seedAda(plinto)
    const assign = vi.fn()
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign, search: '' } as Location)
    renderWithPlinto(<SignIn redirectUrl="/home" />, { navigate: undefined })
    await fillAndSubmit(EMAIL, PASSWORD)
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/home'))
    vi.restoreAllMocks()
  })

  test('checks the fields before sending anything and focuses the first one in error', async () => {
    const { container } = renderWithPlinto(<SignIn />)
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Email'), 'not-an-email')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    const email = screen.getByLabelText('Email')
    expect(email).toHaveAttribute('aria-invalid', 'true')
    expect(email).toHaveAccessibleDescription('Enter an email address like name@example.com.')
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.')
    await waitFor(() => expect(email).toHaveFocus())
    // Only the OAuth providers were read (for the "Continue with …" buttons); nothing was sent.
    expect(plinto.requests.filter((r) => r.method !== 'GET')).toHaveLength(0)
    await expectNoAxeViolations(container)
  })

  test('wrong credentials: an alert at the top, in words', async () => {
    await seedAda(plinto)
    const { container, client } = renderWithPlinto(<SignIn />)
    await fillAndSubmit(EMAIL, 'not the password')
    expect(await screen.findByText('The email or password is incorrect.')).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('The email or password is incorrect.')
    expect(client.getSnapshot().status).toBe('signed_out')
    await expectNoAxeViolations(container)
  })

  test('rate limited: says when to try again, from retryAfter', async () => {
    plinto.faults.respond({
      path: '/auth/signin',
      status: 429,
      headers: { 'Retry-After': '42' },
      body: { detail: 'Too many requests', error_code: 'RATE_LIMITED', retry_after: 42 },
    })
    renderWithPlinto(<SignIn />)
    await fillAndSubmit(EMAIL, PASSWORD)
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 42 seconds.')
  })

  test('network failure: says to check the connection', async () => {
    plinto.faults.networkError({ path: '/auth/signin' })
    renderWithPlinto(<SignIn />)
    await fillAndSubmit(EMAIL, PASSWORD)
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'We could not reach the server. Check your connection and try again.',
      ),
    )
  })

  test('a server-side validation error lands on its field', async () => {
    plinto.faults.respond({
      path: '/auth/signin',
      status: 422,
      body: { detail: 'Invalid', error_code: 'VALIDATION_ERROR', errors: [{ field: 'email', message: 'bad email' }] },
    })
    renderWithPlinto(<SignIn />)
    await fillAndSubmit(EMAIL, PASSWORD)
    await waitFor(() =>
      expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
        'Enter an email address like name@example.com.',
      ),
    )
    expect(screen.getByLabelText('Email')).toHaveFocus()
  })

  test('shows progress and never submits twice', async () => {
    await seedAda(plinto)
    plinto.faults.delay({ path: '/auth/signin', ms: 1_000 }) // long enough to inspect the busy state
    const { container, navigate } = renderWithPlinto(<SignIn redirectUrl="/dashboard" />)
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Email'), EMAIL)
    await user.type(screen.getByLabelText('Password'), PASSWORD)
    const form = container.querySelector('form')!
    // Two submits in the same tick: the button is not disabled yet for the second one.
    act(() => {
      fireEvent.submit(form)
      fireEvent.submit(form)
    })
    const busy = screen.getByRole('button', { name: 'Signing in…' })
    expect(busy).toHaveAttribute('aria-busy', 'true')
    expect(busy).toBeDisabled()
    await expectNoAxeViolations(container)
    fireEvent.submit(form)
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1), { timeout: 3_000 })
    expect(plinto.countRequests('POST', '/auth/signin')).toBe(1)
    expect(screen.getByRole('button', { name: 'Sign in' })).not.toHaveAttribute('aria-busy', 'true')
  })

  test('identifier="emailOrUsername" signs in with a username', async () => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD, username: 'ada' })
    const { client } = renderWithPlinto(<SignIn identifier="emailOrUsername" />)
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Email or username'), 'ada')
    await user.type(screen.getByLabelText('Password'), PASSWORD)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(client.getSnapshot().status).toBe('signed_in'))
    expect(plinto.requests.find((r) => r.path === '/auth/signin')?.body).toEqual({
      username: 'ada',
      password: PASSWORD,
    })
  })

  test('forgot-password as a link or a button, and the sign-up link', async () => {
    const onForgotPassword = vi.fn()
    const { rerender } = renderWithPlinto(<SignIn forgotPasswordUrl="/forgot" signUpUrl="/sign-up" />)
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot')
    expect(screen.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/sign-up')
    rerender(<SignIn onForgotPassword={onForgotPassword} />)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Forgot password?' }))
    expect(onForgotPassword).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('link', { name: 'Sign up' })).not.toBeInTheDocument()
  })
})
