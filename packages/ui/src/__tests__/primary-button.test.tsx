import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { totp } from '@plinto/testing'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { UserProfile } from '../index'
import { useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

/** The names of the primary buttons in the open pane. */
const primaryButtons = () =>
  [...screen.getByRole('tabpanel').querySelectorAll('.plinto-primary-button')].map((button) => button.textContent)

test('Security pane: the form being worked on has the only primary button', async () => {
  const client = await signedInAda()
  renderWithPlinto(<UserProfile defaultPane="security" />, { client })
  const user = userEvent.setup()
  const mfa = screen.getByRole('region', { name: /Two-step verification/ })
  const setUp = await within(mfa).findByRole('button', { name: 'Set up an authenticator app' })
  // At rest: the password form's submit is the pane's primary button.
  expect(primaryButtons()).toEqual(['Change password'])

  // MFA set-up opened: its action is the one primary button; "Change password" steps back.
  await user.click(setUp)
  const qr = await within(mfa).findByRole('img', { name: /QR code/ })
  await waitFor(() => expect(primaryButtons()).toEqual(['Turn on']))
  expect(screen.getByRole('button', { name: 'Change password' })).toHaveClass('plinto-secondary-button')

  // Moving to the password form gives it the primary button back.
  await user.click(screen.getByLabelText('Current password'))
  await waitFor(() => expect(primaryButtons()).toEqual(['Change password']))
  expect(within(mfa).getByRole('button', { name: 'Turn on' })).toHaveClass('plinto-secondary-button')

  // Back in the set-up's code field, then through to the backup codes: the step's button is the primary one.
  const secret = qr.closest('section')!.querySelector('code')!.textContent!
  await user.type(within(mfa).getByLabelText('Verification code'), await totp(secret, plinto.clock.now()))
  await waitFor(() => expect(primaryButtons()).toEqual(['Turn on']))
  await user.click(within(mfa).getByRole('button', { name: 'Turn on' }))
  await within(mfa).findByRole('heading', { name: 'Backup codes' })
  await waitFor(() => expect(primaryButtons()).toEqual(['I saved my codes']))

  // Done: the pane is at rest again.
  await user.click(within(mfa).getByRole('button', { name: 'I saved my codes' }))
  await waitFor(() => expect(primaryButtons()).toEqual(['Change password']))
})
