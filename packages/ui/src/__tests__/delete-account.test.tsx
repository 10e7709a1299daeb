// UserProfile's "Delete account" danger zone against the reference server: the confirmation with the password,
// a wrong password said at its field, the deletion signing the person out, and a stale session going through the
// re-authentication dialog before the deletion is retried.
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { DELETE_ACCOUNT_SECTION, UserProfile, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

const zone = () => screen.getByRole('region', { name: 'Delete account' })

async function openConfirmation() {
  const user = userEvent.setup()
  await user.click(within(zone()).getByRole('button', { name: 'Delete account' }))
  const dialog = await screen.findByRole('alertdialog', { name: 'Delete your account?' })
  return { user, dialog }
}

test('shown by default, last in the Account pane', async () => {
  renderWithPlinto(<UserProfile />, { client: await signedInAda() })
  const panel = await screen.findByRole('tabpanel')
  const regions = within(panel).getAllByRole('region')
  expect(regions.at(-1)).toHaveAccessibleName('Delete account')
  expect(within(zone()).getByRole('button', { name: 'Delete account' })).toHaveClass('plinto-danger-button')
})

test('the password confirms; a wrong one is said at its field; then the account is gone and the person signed out', async () => {
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile sections={[DELETE_ACCOUNT_SECTION]} />, { client })
  const { user, dialog } = await openConfirmation()
  expect(dialog).toHaveAccessibleDescription('This cannot be undone. You are signed out everywhere at once.')
  const password = await within(dialog).findByLabelText('Password')
  await expectNoAxeViolations(container)

  await user.click(within(dialog).getByRole('button', { name: 'Delete account' }))
  await waitFor(() => expect(password).toHaveAccessibleDescription(expect.stringContaining('Enter your password.')))
  expect(plinto.countRequests('DELETE', '/users/me')).toBe(0)

  await user.type(password, 'not the password')
  await user.click(within(dialog).getByRole('button', { name: 'Delete account' }))
  await waitFor(() =>
    expect(password).toHaveAccessibleDescription(expect.stringContaining('That password is not correct.')),
  )
  expect(password).toHaveFocus()
  expect(client.getSnapshot().user).not.toBeNull()

  await user.clear(password)
  await user.type(password, PASSWORD)
  await user.click(within(dialog).getByRole('button', { name: 'Delete account' }))
  await waitFor(() => expect(client.getSnapshot().user).toBeNull())
  expect(plinto.countRequests('DELETE', '/users/me')).toBe(2)
  await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
  // The account is gone: its password signs no one in.
  await expect(makeClient().auth.signIn({ email: EMAIL, password: PASSWORD })).rejects.toMatchObject({
    code: 'INVALID_CREDENTIALS',
  })
})

test('Cancel (or Escape) closes the confirmation and deletes nothing; Spanish text', async () => {
  const client = await signedInAda()
  renderWithPlinto(<UserProfile sections={[DELETE_ACCOUNT_SECTION]} localization={es} />, { client })
  const user = userEvent.setup()
  const region = screen.getByRole('region', { name: 'Eliminar cuenta' })
  const button = within(region).getByRole('button', { name: 'Eliminar cuenta' })
  await user.click(button)
  const dialog = await screen.findByRole('alertdialog', { name: '¿Eliminar tu cuenta?' })
  await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }))
  await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
  expect(button).toHaveFocus()
  expect(plinto.countRequests('DELETE', '/users/me')).toBe(0)
  expect(client.getSnapshot().user).not.toBeNull()
})

test('a stale session: REAUTH_REQUIRED opens the re-authentication dialog, and the deletion is retried after it', async () => {
  const client = await signedInAda()
  plinto.clock.advance(11 * 60_000)
  renderWithPlinto(<UserProfile sections={[DELETE_ACCOUNT_SECTION]} />, { client })
  const { user, dialog } = await openConfirmation()
  await user.type(await within(dialog).findByLabelText('Password'), PASSWORD)
  await user.click(within(dialog).getByRole('button', { name: 'Delete account' }))

  const reauth = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  const reauthPassword = within(reauth).getByLabelText('Password')
  await user.type(reauthPassword, PASSWORD)
  await user.click(within(reauth).getByRole('button', { name: 'Confirm' }))
  await waitFor(() => expect(client.getSnapshot().user).toBeNull())
  expect(plinto.countRequests('POST', '/auth/reauthenticate')).toBe(1)
  expect(plinto.countRequests('DELETE', '/users/me')).toBe(2)
})
