import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { UserProfile } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'
import { installWebAuthn, uninstallWebAuthn } from './webauthn'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

afterEach(uninstallWebAuthn)

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

const passkeysSection = () => screen.getByRole('region', { name: 'Passkeys' })

test('adds a passkey with the browser prompt, renames it, deletes it', async () => {
  const authenticator = installWebAuthn()
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile sections={['passkeys']} />, { client })
  const user = userEvent.setup()
  const region = passkeysSection()
  await within(region).findByText(/You have no passkeys yet/)
  await user.click(within(region).getByRole('button', { name: 'Add a passkey' }))
  await waitFor(() => expect(within(region).getByRole('status')).toHaveTextContent('Your passkey is added.'))
  expect(authenticator.credentials).toHaveLength(1)
  expect(within(region).getAllByRole('listitem')).toHaveLength(1)
  expect(within(region).getByText(/never used/)).toBeInTheDocument()
  await expectNoAxeViolations(container)

  await user.click(within(region).getByRole('button', { name: /^Actions for / }))
  await user.click(screen.getByRole('menuitem', { name: 'Rename' }))
  const name = within(region).getByLabelText('Passkey name')
  await waitFor(() => expect(name).toHaveFocus())
  await user.clear(name)
  await user.type(name, 'Work laptop')
  await user.click(within(region).getByRole('button', { name: 'Save' }))
  expect(await within(region).findByText('Work laptop')).toBeInTheDocument()
  expect((await client.passkeys.listPasskeys()).passkeys[0]!.name).toBe('Work laptop')

  await user.click(within(region).getByRole('button', { name: 'Actions for Work laptop' }))
  await user.click(screen.getByRole('menuitem', { name: 'Delete' }))
  const confirm = await screen.findByRole('alertdialog', { name: 'Delete the passkey “Work laptop”?' })
  await user.click(within(confirm).getByRole('button', { name: 'Delete' }))
  await waitFor(() => expect(within(region).getByRole('status')).toHaveTextContent('The passkey is deleted.'))
  expect(within(region).getByText(/You have no passkeys yet/)).toBeInTheDocument()
})

test('a dismissed prompt is explained and nothing is saved', async () => {
  installWebAuthn({ cancel: true })
  const client = await signedInAda()
  renderWithPlinto(<UserProfile sections={['passkeys']} />, { client })
  const user = userEvent.setup()
  await user.click(await within(passkeysSection()).findByRole('button', { name: 'Add a passkey' }))
  await waitFor(() =>
    expect(within(passkeysSection()).getByRole('alert')).toHaveTextContent('The passkey prompt was closed.'),
  )
  expect(plinto.countRequests('POST', '/passkeys/register/verify')).toBe(0)
})

test('without WebAuthn the add button is replaced by an explanation', async () => {
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile sections={['passkeys']} />, { client })
  const region = passkeysSection()
  await within(region).findByText(/You have no passkeys yet/)
  expect(within(region).queryByRole('button', { name: 'Add a passkey' })).not.toBeInTheDocument()
  expect(within(region).getByText(/This browser or device cannot create passkeys/)).toBeInTheDocument()
  await expectNoAxeViolations(container)
})
