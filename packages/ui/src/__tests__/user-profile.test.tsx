import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { UserProfile, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

const section = (name: string | RegExp) => screen.getByRole('region', { name })
/** Opens a pane of the navigation (a tab). */
const openPane = (user: ReturnType<typeof userEvent.setup>, name: string) =>
  user.click(screen.getByRole('tab', { name }))
/** A row's action, from its menu ("Actions for …"), then the confirmation's button. */
async function rowAction(
  user: ReturnType<typeof userEvent.setup>,
  trigger: HTMLElement,
  item: string,
  confirmWith: string,
) {
  await user.click(trigger)
  await user.click(screen.getByRole('menuitem', { name: item }))
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: confirmWith }))
}

test('renders nothing when signed out', async () => {
  const client = makeClient()
  await client.ready()
  const { container } = renderWithPlinto(<UserProfile />, { client })
  expect(container).toBeEmptyDOMElement()
})

test('loading, then every section loaded; axe clean in both states', async () => {
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile />, { client })
  const user = userEvent.setup()
  expect(screen.getByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument()
  // Each pane loads its sections' data when it is opened.
  await openPane(user, 'Sessions')
  expect(within(section('Active sessions')).getByText('Loading…')).toBeInTheDocument()
  await expectNoAxeViolations(container)
  expect(await within(section('Active sessions')).findByText('This device', { exact: false })).toBeInTheDocument()
  await openPane(user, 'Security')
  await within(section('Passkeys')).findByText(/You have no passkeys yet/)
  await within(section(/Two-step verification/)).findByRole('button', { name: 'Set up an authenticator app' })
  await expectNoAxeViolations(container)
})

describe('profile', () => {
  test('edits names, username and picture URL; the user everywhere follows', async () => {
    const client = await signedInAda()
    renderWithPlinto(<UserProfile sections={['profile']} />, { client })
    const user = userEvent.setup()
    const first = screen.getByLabelText('First name (optional)')
    expect(first).toHaveValue('Ada')
    await user.clear(first)
    await user.type(first, 'Augusta Ada')
    await user.type(screen.getByLabelText('Username (optional)'), 'ada.l')
    await user.type(screen.getByLabelText('Picture URL (optional)'), 'https://example.com/ada.png')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your profile is saved.'))
    expect(client.getSnapshot().user).toMatchObject({
      first_name: 'Augusta Ada',
      username: 'ada.l',
      profile_image_url: 'https://example.com/ada.png',
    })
    expect(plinto.requests.find((r) => r.path === '/users/me' && r.method === 'PATCH')!.body).toEqual({
      first_name: 'Augusta Ada',
      last_name: 'Lovelace',
      username: 'ada.l',
      profile_image_url: 'https://example.com/ada.png',
    })
  })

  test('a picture URL that is not a link is caught at its field, nothing is sent; server refusals land at the field', async () => {
    const client = await signedInAda()
    const { container } = renderWithPlinto(<UserProfile sections={['profile']} />, { client })
    const user = userEvent.setup()
    const picture = screen.getByLabelText('Picture URL (optional)')
    await user.type(picture, 'not a link')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    await waitFor(() => expect(picture).toHaveFocus())
    expect(picture).toHaveAccessibleDescription(expect.stringContaining('Enter a link that starts with https://'))
    expect(plinto.countRequests('PATCH', '/users/me')).toBe(0)
    await expectNoAxeViolations(container)

    await user.clear(picture)
    const username = screen.getByLabelText('Username (optional)')
    await user.type(username, 'a!') // too short and a character the server refuses
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    await waitFor(() => expect(username).toHaveAttribute('aria-invalid', 'true'))
    expect(username).toHaveAccessibleDescription(expect.stringContaining('Check this value'))
  })
})

describe('password', () => {
  test('changes the password: the new one signs in, the old one does not', async () => {
    const client = await signedInAda()
    renderWithPlinto(<UserProfile sections={['password']} />, { client })
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Current password'), PASSWORD)
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your password is changed.'))
    expect(screen.getByLabelText('Current password')).toHaveValue('')
    const other = makeClient()
    await expect(other.auth.signIn({ email: EMAIL, password: PASSWORD })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
    await other.auth.signIn({ email: EMAIL, password: 'a brand new passphrase' })
  })

  test('a wrong current password is shown at its field; a short new one before sending', async () => {
    const client = await signedInAda()
    renderWithPlinto(<UserProfile sections={['password']} />, { client })
    const user = userEvent.setup()
    const current = screen.getByLabelText('Current password')
    const next = screen.getByLabelText('New password')
    await user.type(current, 'not my password')
    await user.type(next, 'short')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    await waitFor(() => expect(next).toHaveFocus())
    expect(next).toHaveAccessibleDescription(expect.stringContaining('Use at least 8 characters.'))
    expect(plinto.countRequests('POST', '/auth/password/change')).toBe(0)

    await user.clear(next)
    await user.type(next, 'a brand new passphrase')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    await waitFor(() => expect(current).toHaveFocus())
    expect(current).toHaveAccessibleDescription('Your current password is incorrect.')
  })
})

describe('sessions', () => {
  test('lists sessions with device, place and last activity; revokes one, then all others', async () => {
    const client = await signedInAda()
    for (let i = 0; i < 2; i++) await makeClient().auth.signIn({ email: EMAIL, password: PASSWORD })
    renderWithPlinto(<UserProfile sections={['sessions']} />, { client })
    const user = userEvent.setup()
    const region = section('Active sessions')
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(3))
    expect(within(region).getAllByText(/Last active/)).toHaveLength(3)
    const others = within(region).getAllByRole('button', { name: /^Actions for (?!.*This device)/ })
    expect(others).toHaveLength(2)
    await rowAction(user, others[0]!, 'Sign out', 'Sign out')
    await waitFor(() => expect(within(region).getByRole('status')).toHaveTextContent('The session was signed out.'))
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(2))

    await user.click(within(region).getByRole('button', { name: 'Sign out all other sessions' }))
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out all other sessions' }),
    )
    expect(await within(region).findByText('1 other session was signed out.')).toBeInTheDocument()
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(1))
    expect(within(region).queryByRole('button', { name: 'Sign out all other sessions' })).not.toBeInTheDocument()
    expect(client.getSnapshot().status).toBe('signed_in')
  })

  test('revoking the current session signs out here', async () => {
    const client = await signedInAda()
    const { container } = renderWithPlinto(<UserProfile sections={['sessions']} />, { client })
    const user = userEvent.setup()
    await rowAction(user, await screen.findByRole('button', { name: /This device/ }), 'Sign out', 'Sign out')
    await waitFor(() => expect(client.getSnapshot().status).toBe('signed_out'))
    expect(container).toBeEmptyDOMElement()
  })

  test('a list that fails to load says so and can be retried', async () => {
    const client = await signedInAda()
    plinto.faults.respond({
      path: '/sessions',
      method: 'GET',
      status: 500,
      body: { detail: 'boom', error_code: 'INTERNAL_ERROR' },
      times: 3,
    })
    const { container } = renderWithPlinto(<UserProfile sections={['sessions']} />, { client })
    const alert = await screen.findByText(/We could not load this/, undefined, { timeout: 5_000 })
    expect(alert).toHaveTextContent('Something went wrong on our side.')
    await expectNoAxeViolations(container)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText(/This device/)).toBeInTheDocument()
  })
})

test('Spanish', async () => {
  const client = await signedInAda()
  const { container } = renderWithPlinto(<UserProfile />, { client, localization: es })
  const user = userEvent.setup()
  expect(screen.getByRole('heading', { level: 1, name: 'Tu cuenta' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Guardar perfil' })).toBeInTheDocument()
  await openPane(user, 'Seguridad')
  expect(await screen.findByRole('button', { name: 'Configurar una aplicación de autenticación' })).toBeInTheDocument()
  await openPane(user, 'Sesiones')
  expect(await screen.findByText(/Este dispositivo/)).toBeInTheDocument()
  expect(container.firstElementChild).toHaveAttribute('lang', 'es')
  await expectNoAxeViolations(container)
})
