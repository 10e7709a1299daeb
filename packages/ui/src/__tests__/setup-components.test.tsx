import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { totp } from '@plinto/testing'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { MfaSetup, PasskeySetup, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'
import { installWebAuthn, uninstallWebAuthn } from './webauthn'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
const PHONE = '+14155550123'

afterEach(uninstallWebAuthn)

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

test('both render nothing when signed out', async () => {
  const client = makeClient()
  await client.ready()
  const { container } = renderWithPlinto(
    <>
      <MfaSetup />
      <PasskeySetup />
    </>,
    { client },
  )
  expect(container).toBeEmptyDOMElement()
})

test('MfaSetup: authenticator app with QR code, first code, backup codes; then onComplete and afterSetupUrl', async () => {
  const client = await signedInAda()
  const onComplete = vi.fn()
  const { container, navigate } = renderWithPlinto(
    <MfaSetup methods={['totp']} onComplete={onComplete} afterSetupUrl="/dashboard" />,
    { client },
  )
  const user = userEvent.setup()
  expect(screen.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeInTheDocument()
  expect(await screen.findByText('Off')).toBeInTheDocument()
  // Only the method asked for: no text-message form.
  expect(screen.queryByLabelText('Phone number')).not.toBeInTheDocument()
  await expectNoAxeViolations(container)

  await user.click(screen.getByRole('button', { name: 'Set up an authenticator app' }))
  const qr = await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' })
  expect(qr.getAttribute('src')).toMatch(/^data:image\//)
  const secret = container.querySelector('code')!.textContent!
  await user.type(screen.getByLabelText('Verification code'), await totp(secret, plinto.clock.now()))
  await user.click(screen.getByRole('button', { name: 'Turn on' }))
  const heading = await screen.findByRole('heading', { name: 'Backup codes' })
  await waitFor(() => expect(heading).toHaveFocus())
  expect(within(screen.getByRole('list', { name: 'Backup codes' })).getAllByRole('listitem')).toHaveLength(10)
  // Not complete until the codes were acknowledged: the app must not navigate away from them.
  expect(onComplete).not.toHaveBeenCalled()
  expect(navigate).not.toHaveBeenCalled()
  await expectNoAxeViolations(container)

  await user.click(screen.getByRole('button', { name: 'I saved my codes' }))
  expect(onComplete).toHaveBeenCalledExactlyOnceWith('totp')
  expect(navigate).toHaveBeenCalledWith('/dashboard')
  expect(client.getSnapshot().user?.mfa_enabled).toBe(true)
  expect(screen.getByText('On')).toBeInTheDocument()
})

test('MfaSetup: text messages with the code from the outbox; SMS first when asked', async () => {
  const client = await signedInAda()
  const onComplete = vi.fn()
  renderWithPlinto(<MfaSetup methods={['sms', 'totp']} onComplete={onComplete} />, { client })
  const user = userEvent.setup()
  const phone = await screen.findByLabelText('Phone number')
  expect(phone.compareDocumentPosition(screen.getByRole('button', { name: 'Set up an authenticator app' }))).toBe(
    Node.DOCUMENT_POSITION_FOLLOWING,
  )
  await user.type(phone, PHONE)
  await user.click(screen.getByRole('button', { name: 'Send a code to this number' }))
  const code = await screen.findByLabelText('Code from the text message')
  await user.type(code, plinto.lastMessage(PHONE).code!)
  await user.click(screen.getByRole('button', { name: 'Turn on' }))
  await screen.findByRole('heading', { name: 'Backup codes' })
  await user.click(screen.getByRole('button', { name: 'I saved my codes' }))
  expect(onComplete).toHaveBeenCalledExactlyOnceWith('sms')
  expect(screen.getByText('Codes are sent to your phone.')).toBeInTheDocument()
})

test('MfaSetup: a status that fails to load says so and can be retried', async () => {
  const client = await signedInAda()
  plinto.faults.respond({ path: '/mfa/status', method: 'GET', status: 500, times: 3 })
  renderWithPlinto(<MfaSetup />, { client })
  const alert = await screen.findByText(/We could not load this/, undefined, { timeout: 5_000 })
  expect(alert).toHaveRole('alert')
  await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }))
  expect(await screen.findByRole('button', { name: 'Set up an authenticator app' })).toBeInTheDocument()
})

test('PasskeySetup: adds a passkey with the browser prompt, lists it, onAdded and afterAddUrl', async () => {
  const authenticator = installWebAuthn()
  const client = await signedInAda()
  const onAdded = vi.fn()
  const { container, navigate } = renderWithPlinto(<PasskeySetup onAdded={onAdded} afterAddUrl="/dashboard" />, {
    client,
  })
  const user = userEvent.setup()
  expect(screen.getByRole('heading', { level: 1, name: 'Passkeys' })).toBeInTheDocument()
  await screen.findByText(/You have no passkeys yet/)
  await expectNoAxeViolations(container)
  await user.click(screen.getByRole('button', { name: 'Add a passkey' }))
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your passkey is added.'))
  expect(authenticator.credentials).toHaveLength(1)
  expect(screen.getAllByRole('listitem')).toHaveLength(1)
  expect(onAdded).toHaveBeenCalledOnce()
  expect(navigate).toHaveBeenCalledWith('/dashboard')
  expect((await client.passkeys.listPasskeys()).passkeys).toHaveLength(1)
  await expectNoAxeViolations(container)
})

test('PasskeySetup: deleting from the row menu asks first', async () => {
  installWebAuthn()
  const client = await signedInAda()
  await client.passkeys.registerPasskey()
  renderWithPlinto(<PasskeySetup />, { client })
  const user = userEvent.setup()
  const menuButton = await screen.findByRole('button', { name: /^Actions for / })
  await user.click(menuButton)
  await user.click(screen.getByRole('menuitem', { name: 'Delete' }))
  const confirm = await screen.findByRole('alertdialog', { name: /^Delete the passkey/ })
  await user.click(within(confirm).getByRole('button', { name: 'Cancel' }))
  expect(menuButton).toHaveFocus()
  expect(plinto.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0)
  await user.click(menuButton)
  await user.click(screen.getByRole('menuitem', { name: 'Delete' }))
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }))
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('The passkey is deleted.'))
  expect((await client.passkeys.listPasskeys()).passkeys).toHaveLength(0)
})

test('PasskeySetup: a list that fails to load, without WebAuthn, in Spanish', async () => {
  const client = await signedInAda()
  plinto.faults.respond({ path: '/passkeys', method: 'GET', status: 500, times: 3 })
  const { container } = renderWithPlinto(<PasskeySetup />, { client, localization: es })
  expect(screen.getByRole('heading', { level: 1, name: 'Llaves de acceso' })).toBeInTheDocument()
  expect(await screen.findByRole('button', { name: 'Reintentar' }, { timeout: 5_000 })).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: /Añadir/ })).not.toBeInTheDocument()
  await expectNoAxeViolations(container)
})
