// The ReauthenticationDialog that the UI's PlintoProvider mounts: UserProfile's sensitive actions, refused with
// REAUTH_REQUIRED once the session is older than 10 minutes (the reference server's clock is moved), ask the person to
// confirm it is them in a modal dialog and then complete by themselves; Cancel and Escape give up.
import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { totp } from '@plinto/testing'
import { ReauthenticationDialog, UserProfile, es } from '../index'
import { adaWithTotp, expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'
import { installWebAuthn, uninstallWebAuthn } from './webauthn'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
afterEach(uninstallWebAuthn)

const ELEVEN_MINUTES = 11 * 60_000

/** Ada, signed in, with a second session elsewhere; the server's clock then moves 11 minutes on. */
async function staleAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  await makeClient().auth.signIn({ email: EMAIL, password: PASSWORD })
  plinto.clock.advance(ELEVEN_MINUTES)
  return client
}

const sessions = () => screen.getByRole('region', { name: 'Active sessions' })

/**
 * The account screens confirm "Sign out all other sessions" first (ConfirmDialog); its confirm button runs the
 * action, which the server refuses with REAUTH_REQUIRED while the session is stale.
 */
async function confirmRevokeAll(
  user: ReturnType<typeof userEvent.setup>,
  text = { title: 'Sign out all other sessions?', confirm: 'Sign out all other sessions' },
) {
  const confirmation = await screen.findByRole('alertdialog', { name: text.title })
  await user.click(within(confirmation).getByRole('button', { name: text.confirm }))
}

test('signing out other sessions asks for the password, says when it is wrong, then completes', async () => {
  const client = await staleAda()
  renderWithPlinto(<UserProfile sections={['sessions']} />, { client })
  const user = userEvent.setup()
  await waitFor(() => expect(within(sessions()).getAllByRole('listitem')).toHaveLength(2))
  const revokeAll = within(sessions()).getByRole('button', { name: 'Sign out all other sessions' })
  await user.click(revokeAll)
  await confirmRevokeAll(user)

  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  expect(within(dialog).getByText('This is a sensitive action. Confirm your identity to continue.')).toBeVisible()
  await expectNoAxeViolations(dialog)
  const password = within(dialog).getByLabelText('Password')
  await waitFor(() => expect(password).toHaveFocus())
  await user.type(password, 'not the password')
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
  expect(await within(dialog).findByText('That password is not correct.')).toBeInTheDocument()
  expect(password).toHaveAttribute('aria-invalid', 'true')

  await user.clear(password)
  await user.type(password, PASSWORD)
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
  expect(await within(sessions()).findByText('1 other session was signed out.')).toBeInTheDocument()
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  await waitFor(() => expect(within(sessions()).getAllByRole('listitem')).toHaveLength(1))
  expect(plinto.countRequests('POST', '/sessions/revoke-all')).toBe(2)
  expect(plinto.countRequests('POST', '/auth/reauthenticate')).toBe(2)
})

test('changing the password goes through the dialog too', async () => {
  const client = await staleAda()
  renderWithPlinto(<UserProfile sections={['password']} />, { client })
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Current password'), PASSWORD)
  await user.type(screen.getByLabelText('New password'), 'a brand new passphrase')
  await user.click(screen.getByRole('button', { name: 'Change password' }))
  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  await user.type(within(dialog).getByLabelText('Password'), PASSWORD)
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your password is changed.'))
  await makeClient().auth.signIn({ email: EMAIL, password: 'a brand new passphrase' })
})

test('Cancel closes the dialog, focus returns, the action says it was not done; nothing is sent again', async () => {
  const client = await staleAda()
  renderWithPlinto(<UserProfile sections={['sessions']} />, { client })
  const user = userEvent.setup()
  await waitFor(() => expect(within(sessions()).getAllByRole('listitem')).toHaveLength(2))
  const revokeAll = within(sessions()).getByRole('button', { name: 'Sign out all other sessions' })
  await user.click(revokeAll)
  await confirmRevokeAll(user)
  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
  expect(await within(sessions()).findByText('Not done: you did not confirm it’s you.')).toBeInTheDocument()
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(within(sessions()).getAllByRole('listitem')).toHaveLength(2)
  expect(plinto.countRequests('POST', '/sessions/revoke-all')).toBe(1)
  await waitFor(() => expect(revokeAll).toHaveFocus())
})

test('Escape (the dialog’s cancel event) cancels as well', async () => {
  const client = await staleAda()
  renderWithPlinto(<UserProfile sections={['sessions']} />, { client })
  const user = userEvent.setup()
  await waitFor(() => expect(within(sessions()).getAllByRole('listitem')).toHaveLength(2))
  await user.click(within(sessions()).getByRole('button', { name: 'Sign out all other sessions' }))
  await confirmRevokeAll(user)
  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  // What a browser fires on Escape for a modal dialog (jsdom has no showModal).
  fireEvent(dialog, createEvent('cancel', dialog, {}, { EventType: 'Event' }))
  expect(await within(sessions()).findByText('Not done: you did not confirm it’s you.')).toBeInTheDocument()
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
})

test('turning off TOTP: the dialog offers the authenticator app and a backup code besides the password', async () => {
  const { secret } = await adaWithTotp(plinto)
  const client = makeClient()
  const signIn = await client.auth.signIn({ email: EMAIL, password: PASSWORD }).catch((error) => error)
  await client.auth.verifyMfaChallenge({ mfa_token: signIn.mfaToken, code: await totp(secret, plinto.clock.now()) })
  plinto.clock.advance(ELEVEN_MINUTES)
  renderWithPlinto(<UserProfile sections={['mfa']} />, { client })
  const user = userEvent.setup()
  const region = screen.getByRole('region', { name: /Two-step verification/ })
  await user.click(await within(region).findByRole('button', { name: 'Turn off the authenticator app' }))
  await user.type(within(region).getByLabelText('Verification code'), await totp(secret, plinto.clock.now()))
  await user.click(within(region).getByRole('button', { name: 'Turn off the authenticator app' }))

  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  expect(within(dialog).getByRole('button', { name: 'Use your authenticator app' })).toBeInTheDocument()
  expect(within(dialog).getByRole('button', { name: 'Use a backup code' })).toBeInTheDocument()
  await user.click(within(dialog).getByRole('button', { name: 'Use your authenticator app' }))
  await user.type(within(dialog).getByLabelText('Verification code'), '000000')
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
  expect(await within(dialog).findByText('That code is not valid. Check it and try again.')).toBeInTheDocument()
  await user.click(within(dialog).getByRole('button', { name: 'Use your password' }))
  await user.type(within(dialog).getByLabelText('Password'), PASSWORD)
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
  await waitFor(() =>
    expect(within(region).getByRole('status')).toHaveTextContent('The authenticator app is turned off.'),
  )
})

test('deleting a passkey: confirmed with the passkey itself', async () => {
  const authenticator = installWebAuthn()
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  await client.passkeys.registerPasskey({ name: 'Laptop' })
  plinto.clock.advance(ELEVEN_MINUTES)
  renderWithPlinto(<UserProfile sections={['passkeys']} />, { client })
  const user = userEvent.setup()
  const region = screen.getByRole('region', { name: 'Passkeys' })
  // Deleting is in the row's menu and confirmed first (ConfirmDialog); the server then asks for re-authentication.
  await user.click(await within(region).findByRole('button', { name: 'Actions for Laptop' }))
  await user.click(screen.getByRole('menuitem', { name: 'Delete' }))
  const confirmation = await screen.findByRole('alertdialog', { name: 'Delete the passkey “Laptop”?' })
  await user.click(within(confirmation).getByRole('button', { name: 'Delete' }))
  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  // A passkey is offered first; the password stays one click away.
  expect(within(dialog).getByRole('button', { name: 'Use your password' })).toBeInTheDocument()
  await user.click(within(dialog).getByRole('button', { name: 'Use a passkey' }))
  await waitFor(() => expect(within(region).getByRole('status')).toHaveTextContent('The passkey is deleted.'))
  expect(authenticator.credentials).toHaveLength(1) // the authenticator keeps it; the account no longer lists it
  expect((await client.passkeys.listPasskeys()).passkeys).toEqual([])
})

test('an account with nothing to confirm with (magic link only) is offered to sign out, to sign in again', async () => {
  await plinto.app.plinto.createUser({ email: 'magic@example.com' })
  const signedInByLink = async () => {
    await makeClient().auth.sendMagicLink({ email: 'magic@example.com' })
    const link = new URL(plinto.lastMessage('magic@example.com').link ?? '')
    const client = makeClient()
    await client.auth.verifyMagicLink(link.searchParams.get('magic_token') ?? '')
    return client
  }
  const client = await signedInByLink()
  await signedInByLink()
  plinto.clock.advance(ELEVEN_MINUTES)
  renderWithPlinto(<UserProfile sections={['sessions']} />, { client })
  const user = userEvent.setup()
  await waitFor(() => expect(within(sessions()).getAllByRole('listitem')).toHaveLength(2))
  await user.click(within(sessions()).getByRole('button', { name: 'Sign out all other sessions' }))
  await confirmRevokeAll(user)
  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  expect(within(dialog).getByText('To do this, sign in again.')).toBeInTheDocument()
  expect(within(dialog).queryByLabelText('Password')).not.toBeInTheDocument()
  await user.click(within(dialog).getByRole('button', { name: 'Sign out' }))
  await waitFor(() => expect(client.getSnapshot().status).toBe('signed_out'))
})

test('Spanish, and rendered by the app itself under reauthentication={false}', async () => {
  const client = await staleAda()
  renderWithPlinto(
    <>
      <UserProfile sections={['sessions']} />
      <ReauthenticationDialog />
    </>,
    { client, localization: es, reauthentication: false },
  )
  const user = userEvent.setup()
  const region = screen.getByRole('region', { name: 'Sesiones activas' })
  await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(2))
  await user.click(within(region).getByRole('button', { name: 'Cerrar todas las demás sesiones' }))
  await confirmRevokeAll(user, { title: es.account.confirmRevokeAllTitle, confirm: es.userProfile.revokeAll })
  const dialog = await screen.findByRole('dialog', { name: 'Confirma que eres tú' })
  expect(screen.getAllByRole('dialog')).toHaveLength(1)
  await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }))
  expect(await within(region).findByText('No se ha hecho: no confirmaste que eres tú.')).toBeInTheDocument()
})

test('Cancel returns focus to the refused action’s button once it is enabled again (disabled while it settles)', async () => {
  const client = await staleAda()
  renderWithPlinto(<UserProfile sections={['password']} />, { client })
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Current password'), PASSWORD)
  await user.type(screen.getByLabelText('New password'), 'a brand new passphrase')
  const submit = screen.getByRole('button', { name: 'Change password' })
  await user.click(submit)
  const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' })
  // The refused action is still running: its button is busy and disabled behind the dialog.
  expect(screen.getByRole('button', { name: /Changing|Change password/, hidden: true })).toBeDisabled()
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  await waitFor(() => expect(submit).toHaveFocus())
  expect(submit).toBeEnabled()
})
