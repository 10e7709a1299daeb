import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { totp } from '@plinto/testing'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { UserProfile } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
const PHONE = '+14155550123'

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

const mfaSection = () => screen.getByRole('region', { name: /Two-step verification/ })

/** Sets TOTP up through the UI; returns the secret shown and the backup codes displayed. */
async function setUpTotp(container: HTMLElement) {
  const user = userEvent.setup()
  const region = mfaSection()
  await user.click(await within(region).findByRole('button', { name: 'Set up an authenticator app' }))
  const qr = await within(region).findByRole('img', { name: 'QR code to add this account to your authenticator app' })
  expect(qr.getAttribute('src')).toMatch(/^data:image\//)
  const secret = region.querySelector('code')!.textContent!
  expect(secret).toMatch(/^[A-Z2-7]+=*$/)
  await waitFor(() => expect(within(region).getByText(/Scan this QR code/)).toHaveFocus())
  await expectNoAxeViolations(container)

  await user.type(within(region).getByLabelText('Verification code'), await totp(secret, plinto.clock.now()))
  await user.click(within(region).getByRole('button', { name: 'Turn on' }))
  const heading = await within(region).findByRole('heading', { name: 'Backup codes' })
  await waitFor(() => expect(heading).toHaveFocus())
  const codes = within(within(region).getByRole('list', { name: 'Backup codes' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent!)
  expect(codes).toHaveLength(10)
  await expectNoAxeViolations(container)
  return { secret, codes, user, region }
}

test('TOTP set-up end to end: QR code and key, a code from the app, backup codes shown once, status on', async () => {
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile sections={['mfa']} />, { client })
  expect(within(mfaSection()).getByText('Loading…')).toBeInTheDocument()
  await within(mfaSection()).findByText('Off')
  const { codes, user, region } = await setUpTotp(container)
  expect(within(region).getByRole('status')).toHaveTextContent('Two-step verification is on.')
  expect(client.getSnapshot().user?.mfa_enabled).toBe(true)
  expect(within(region).getByText('On')).toBeInTheDocument()

  await user.click(within(region).getByRole('button', { name: 'I saved my codes' }))
  expect(within(region).getByText('10 backup codes left.')).toBeInTheDocument()
  expect(within(region).queryByText(codes[0]!)).not.toBeInTheDocument()
  expect(within(region).getByText('Your authenticator app is set up.')).toBeInTheDocument()
})

test('a wrong first code is shown at the field; cancel leaves TOTP off', async () => {
  const client = await signedInAda()
  renderWithPlinto(<UserProfile sections={['mfa']} />, { client })
  const user = userEvent.setup()
  const region = mfaSection()
  await user.click(await within(region).findByRole('button', { name: 'Set up an authenticator app' }))
  const code = await within(region).findByLabelText('Verification code')
  await user.type(code, '000000')
  await user.click(within(region).getByRole('button', { name: 'Turn on' }))
  await waitFor(() => expect(code).toHaveAccessibleDescription(expect.stringContaining('That code is not valid.')))
  await user.click(within(region).getByRole('button', { name: 'Cancel' }))
  expect(within(region).getByRole('button', { name: 'Set up an authenticator app' })).toBeInTheDocument()
  expect(client.getSnapshot().user?.mfa_enabled).toBe(false)
})

test('new backup codes replace the old ones; turning TOTP off with a backup code', async () => {
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile sections={['mfa']} />, { client })
  await within(mfaSection()).findByText('Off')
  const { secret, codes, user, region } = await setUpTotp(container)
  await user.click(within(region).getByRole('button', { name: 'I saved my codes' }))

  plinto.clock.advance(60_000)
  await user.click(within(region).getByRole('button', { name: 'Get new backup codes' }))
  const field = within(region).getByLabelText('Verification code')
  await waitFor(() => expect(field).toHaveFocus())
  await user.type(field, await totp(secret, plinto.clock.now()))
  await user.click(within(region).getByRole('button', { name: 'Get new backup codes' }))
  await within(region).findByRole('heading', { name: 'Backup codes' })
  const fresh = within(within(region).getByRole('list', { name: 'Backup codes' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent!)
  expect(fresh).toHaveLength(10)
  expect(fresh).not.toContain(codes[0])
  await user.click(within(region).getByRole('button', { name: 'I saved my codes' }))

  await user.click(within(region).getByRole('button', { name: 'Turn off the authenticator app' }))
  await user.type(within(region).getByLabelText('Verification code'), codes[0]!) // an old code no longer works
  await user.click(within(region).getByRole('button', { name: 'Turn off the authenticator app' }))
  await waitFor(() =>
    expect(within(region).getByLabelText('Verification code')).toHaveAttribute('aria-invalid', 'true'),
  )
  await user.clear(within(region).getByLabelText('Verification code'))
  await user.type(within(region).getByLabelText('Verification code'), fresh[0]!)
  await user.click(within(region).getByRole('button', { name: 'Turn off the authenticator app' }))
  await waitFor(() =>
    expect(within(region).getByRole('status')).toHaveTextContent('The authenticator app is turned off.'),
  )
  expect(await within(region).findByText('Off')).toBeInTheDocument()
  expect(client.getSnapshot().user?.mfa_enabled).toBe(false)
})

test('SMS: phone number, the texted code from the outbox, on; backup codes when it is the first factor', async () => {
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile sections={['mfa']} />, { client })
  const user = userEvent.setup()
  const region = mfaSection()
  const phone = await within(region).findByLabelText('Phone number')
  await user.type(phone, '555 0123')
  await user.click(within(region).getByRole('button', { name: 'Send a code to this number' }))
  await waitFor(() => expect(phone).toHaveAccessibleDescription(expect.stringContaining('country code')))
  expect(plinto.countRequests('POST', '/mfa/sms/enable')).toBe(0)

  await user.clear(phone)
  await user.type(phone, PHONE)
  await user.click(within(region).getByRole('button', { name: 'Send a code to this number' }))
  const code = await within(region).findByLabelText('Code from the text message')
  await waitFor(() => expect(code).toHaveFocus())
  expect(code).toHaveAccessibleDescription(`We texted a 6-digit code to ${PHONE}.`)
  await expectNoAxeViolations(container)
  await user.type(code, plinto.lastMessage(PHONE).code!)
  await user.click(within(region).getByRole('button', { name: 'Turn on' }))
  await within(region).findByRole('heading', { name: 'Backup codes' })
  await user.click(within(region).getByRole('button', { name: 'I saved my codes' }))
  expect(within(region).getByText('Codes are sent to your phone.')).toBeInTheDocument()
  expect(client.getSnapshot().user?.mfa_enabled).toBe(true)
})
