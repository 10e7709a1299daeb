import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { totp } from '@plinto/testing'
import { EMAIL, PASSWORD } from '@plinto/test-support'
import { SignIn } from '../index'
import { adaWithTotp, expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

// The reference server implements MFA (/mfa/totp/*, /mfa/challenge): Ada turns TOTP on for real, and the
// sign-in answers `mfa_required` by itself. Only the passkey-as-second-factor account (a factor this form
// does not ask for) is simulated with faults.respond.
const { plinto, renderWithPlinto } = useRenderWithPlinto()

/** A 6-digit code that is valid in none of the accepted time steps (now ± 30 s). */
async function wrongCode(secret: string) {
  const now = plinto.clock.now()
  const valid = new Set(await Promise.all([now - 30_000, now, now + 30_000].map((at) => totp(secret, at))))
  let candidate = 0
  while (valid.has(String(candidate).padStart(6, '0'))) candidate++
  return String(candidate).padStart(6, '0')
}

async function passwordStep() {
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Email'), EMAIL)
  await user.type(screen.getByLabelText('Password'), PASSWORD)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  return user
}

test('MFA_REQUIRED moves to the code step, focuses the code field, and finishes with the TOTP code', async () => {
  const { secret } = await adaWithTotp(plinto)
  const { client, navigate, container } = renderWithPlinto(<SignIn redirectUrl="/dashboard" />)
  const user = await passwordStep()

  expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument()
  const code = screen.getByLabelText('Verification code')
  await waitFor(() => expect(code).toHaveFocus())
  expect(code).toHaveAttribute('autocomplete', 'one-time-code')
  expect(code).toHaveAttribute('inputmode', 'numeric')
  expect(client.getSnapshot().status).toBe('signed_out')
  await expectNoAxeViolations(container)

  const wrong = await wrongCode(secret)
  await user.type(code, wrong)
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(code).toHaveAccessibleDescription(expect.stringContaining('That code is not valid.')))
  expect(code).toHaveAttribute('aria-invalid', 'true')
  expect(client.getSnapshot().status).toBe('signed_out')
  await expectNoAxeViolations(container)

  const right = await totp(secret, plinto.clock.now())
  await user.clear(code)
  await user.type(code, `${right.slice(0, 3)} ${right.slice(3)}`) // spaces, as people copy codes, are dropped
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
  expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
  const challenges = plinto.requests
    .filter((r) => r.path === '/mfa/challenge')
    .map((r) => (r.body as { code: string }).code)
  expect(challenges).toEqual([wrong, right])
  expect(await client.auth.getCurrentUser()).toMatchObject({ email: EMAIL, mfa_enabled: true })
})

test('a backup code can be used instead; the field changes and takes focus', async () => {
  const { backupCodes } = await adaWithTotp(plinto)
  const { client } = renderWithPlinto(<SignIn />)
  const user = await passwordStep()
  await user.click(await screen.findByRole('button', { name: 'Use a backup code instead' }))
  const backup = screen.getByLabelText('Backup code')
  await waitFor(() => expect(backup).toHaveFocus())
  expect(backup).toHaveAttribute('inputmode', 'text')
  expect(screen.getByText('Use one of your backup codes. Each code works once.')).toBeInTheDocument()
  await user.type(backup, backupCodes[0]!)
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(client.getSnapshot().status).toBe('signed_in'))
})

test('an expired MFA step returns to the password step with an explanation', async () => {
  const { secret } = await adaWithTotp(plinto)
  renderWithPlinto(<SignIn />)
  const user = await passwordStep()
  const code = await screen.findByLabelText('Verification code')
  plinto.clock.advance(6 * 60_000) // an mfa_token lives 5 minutes
  await user.type(code, await totp(secret, plinto.clock.now()))
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  expect(screen.getByRole('alert')).toHaveTextContent('Your sign-in took too long. Sign in again.')
  expect(screen.getByLabelText('Email')).toHaveValue(EMAIL)
  await waitFor(() => expect(screen.getByLabelText('Password')).toHaveFocus())
})

test('"Back to sign in" leaves the code step', async () => {
  await adaWithTotp(plinto)
  renderWithPlinto(<SignIn />)
  const user = await passwordStep()
  await user.click(await screen.findByRole('button', { name: 'Back to sign in' }))
  expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  expect(plinto.countRequests('POST', '/mfa/challenge')).toBe(0)
})

test('a second factor the form cannot ask for (a passkey as second factor) is explained, not a dead end', async () => {
  plinto.faults.respond({
    path: '/auth/signin',
    status: 200,
    body: { mfa_required: true, mfa_token: 'mfa_passkey_only', methods: ['passkey'] },
  })
  renderWithPlinto(<SignIn />)
  await passwordStep()
  await waitFor(() =>
    expect(screen.getByRole('alert')).toHaveTextContent(
      'This account uses a kind of two-step verification this form does not support yet.',
    ),
  )
})
