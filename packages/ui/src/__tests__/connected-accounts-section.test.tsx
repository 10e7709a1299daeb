import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import type { PlintoClient } from '@plinto/typescript-sdk'
import { API_URL, EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { AuthCallback, CONNECTED_ACCOUNTS_SECTION, UserProfile, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'
import { installWebAuthn, uninstallWebAuthn } from './webauthn'

const REDIRECT_URI = 'http://localhost:5173/auth/callback'
// The section's default redirect URI is this page's origin + /auth/callback.
const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto({
  config: { allowedRedirectUrls: [REDIRECT_URI, `${window.location.origin}/auth/callback`] },
})

afterEach(() => {
  uninstallWebAuthn()
  sessionStorage.clear()
})

/** Approves on the dev provider's consent page as `email` and follows the redirects back to the app. */
async function consent(authorizationUrl: string, email: string): Promise<URL> {
  const html = await (await fetch(authorizationUrl)).text()
  const state = /name="state" value="([^"]+)"/.exec(html)![1]!
  const action = new URL(/action="([^"]+)"/.exec(html)![1]!, authorizationUrl)
  const form = new URLSearchParams({ state, email, first_name: 'Ada', last_name: 'Work', decision: 'approve' })
  let response = await fetch(action, { method: 'POST', body: form, redirect: 'manual' })
  let location = new URL(response.headers.get('location')!, action)
  while (location.origin === new URL(API_URL).origin) {
    response = await fetch(location, { redirect: 'manual' })
    location = new URL(response.headers.get('location')!, location)
  }
  return location
}

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

/** Links a dev identity to the client's account through the SDK (as an earlier visit would have). */
async function linkDev(client: PlintoClient, email: string) {
  const { url } = await client.auth.linkOAuthProvider('dev', { redirectUri: REDIRECT_URI, navigate: false })
  await client.auth.handleOAuthLinkCallback((await consent(url, email)).href)
}

/** A person who signed up with the dev provider only (no password, no passkey). */
async function oauthOnly(email = 'grace@example.com') {
  const client = makeClient()
  const { url } = await client.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
  await client.auth.handleOAuthCallback((await consent(url, email)).href)
  return client
}

const section = () => screen.getByRole('region', { name: 'Connected accounts' })

/** Disconnects through the row's menu and its confirmation, as sessions and passkeys are removed. */
async function disconnect(region: HTMLElement, rowMenu: string | RegExp, question: string) {
  const user = userEvent.setup()
  await user.click(await within(region).findByRole('button', { name: rowMenu }))
  await user.click(screen.getByRole('menuitem', { name: 'Disconnect' }))
  const confirm = await screen.findByRole('alertdialog', { name: question })
  expect(confirm).toHaveAccessibleDescription('You can no longer sign in with it. You can connect it again later.')
  await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }))
  await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
}

test('lists the sign-in methods and disconnects an identity; axe clean', async () => {
  const client = await signedInAda()
  await linkDev(client, 'ada.work@example.com')
  const [identity] = (await client.users.listIdentities()).identities
  const { container } = renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  const region = section()
  expect(await within(region).findByText('Development')).toBeInTheDocument()
  expect(within(region).getByText(/Password: Set · 0 passkeys/)).toBeInTheDocument()
  expect(within(region).getByText(/Ada Work · ada\.work@example\.com · connected/)).toBeInTheDocument()
  await expectNoAxeViolations(container)

  // The provider's mark: its initial, decorative (the row's title names it).
  expect(region.querySelector('.plinto-list-item [data-initials="D"][aria-hidden="true"]')).not.toBeNull()
  await disconnect(region, 'Actions for Development (ada.work@example.com)', 'Disconnect Development?')
  await waitFor(() => expect(within(region).getByRole('status')).toHaveTextContent('Development is disconnected.'))
  expect(within(region).getByText('No provider is connected.')).toBeInTheDocument()
  expect(plinto.countRequests('DELETE', `/users/me/identities/${identity!.id}`)).toBe(1)
})

test('disconnecting the last way to sign in is refused and explained; the identity stays', async () => {
  const client = await oauthOnly()
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  const region = section()
  await within(region).findByText(/Password: Not set/)
  await disconnect(region, /^Actions for Development/, 'Disconnect Development?')
  expect(await within(region).findByRole('alert')).toHaveTextContent('This is your only way to sign in.')
  expect(within(region).getByText(/grace@example\.com/)).toBeInTheDocument()
})

test('Connect starts the link flow of the signed-in session towards the provider', async () => {
  const client = await signedInAda()
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  const region = section()
  const button = await within(region).findByRole('button', { name: 'Connect Development' })
  await userEvent.setup().click(button)
  await waitFor(() => expect(plinto.countRequests('POST', '/oauth/dev/link')).toBe(1))
  expect(await within(region).findByRole('button', { name: 'Redirecting to Development…' })).toBeDisabled()
})

test('the round trip: <AuthCallback> finishes the link and returns to the section, which says so', async () => {
  const client = await signedInAda()
  window.history.replaceState(null, '', '/account')
  const { url } = await client.auth.linkOAuthProvider('dev', { redirectUri: REDIRECT_URI, navigate: false })
  const back = await consent(url, 'ada.work@example.com')
  window.history.replaceState(null, '', `/auth/callback${back.search}`)
  const callback = renderWithPlinto(<AuthCallback redirectUrl="/dashboard" />, { client })
  await waitFor(() => expect(callback.navigate).toHaveBeenCalledWith('/account?plinto_link=linked'))
  callback.unmount()

  window.history.replaceState(null, '', '/account?plinto_link=linked')
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  await waitFor(() => expect(within(section()).getByRole('status')).toHaveTextContent('The account is connected.'))
  expect(await within(section()).findByText('Development')).toBeInTheDocument()
  // Said once: the outcome is gone from the address bar.
  expect(window.location.search).toBe('')
})

test('an identity of another account: <AuthCallback> returns with IDENTITY_ALREADY_LINKED, shown in Spanish too', async () => {
  await oauthOnly('grace@example.com')
  const client = await signedInAda()
  window.history.replaceState(null, '', '/account')
  const { url } = await client.auth.linkOAuthProvider('dev', { redirectUri: REDIRECT_URI, navigate: false })
  const back = await consent(url, 'grace@example.com')
  window.history.replaceState(null, '', `/auth/callback${back.search}`)
  const callback = renderWithPlinto(<AuthCallback />, { client })
  await waitFor(() => expect(callback.navigate).toHaveBeenCalledWith('/account?plinto_link=IDENTITY_ALREADY_LINKED'))
  callback.unmount()

  window.history.replaceState(null, '', '/account?plinto_link=IDENTITY_ALREADY_LINKED')
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} localization={es} />, { client })
  const region = screen.getByRole('region', { name: 'Cuentas conectadas' })
  expect(await within(region).findByRole('alert')).toHaveTextContent('Esa cuenta ya está conectada a otro usuario.')
  expect(await within(region).findByText('No hay ningún proveedor conectado.')).toBeInTheDocument()
})

test('a passkey added in the passkeys section shows in the passkey count', async () => {
  installWebAuthn()
  const client = await signedInAda()
  renderWithPlinto(<UserProfile sections={['passkeys', CONNECTED_ACCOUNTS_SECTION]} />, { client })
  await within(section()).findByText(/0 passkeys/)
  // Passkeys are in the Security pane, connected accounts in the Account pane.
  const user = userEvent.setup()
  await user.click(screen.getByRole('tab', { name: 'Security' }))
  const passkeys = await screen.findByRole('region', { name: 'Passkeys' })
  await user.click(await within(passkeys).findByRole('button', { name: 'Add a passkey' }))
  await within(passkeys).findByText('Your passkey is added.')
  await user.click(screen.getByRole('tab', { name: 'Account' }))
  expect(await within(section()).findByText(/1 passkey$/)).toBeInTheDocument()
})

test('a failed load says so and offers Try again', async () => {
  const client = await signedInAda()
  plinto.faults.respond({
    path: '/users/me/identities',
    method: 'GET',
    status: 500,
    body: { detail: 'boom', error_code: 'INTERNAL_ERROR' },
    times: 3,
  })
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  expect(
    await within(section()).findByText(/We could not load this/, undefined, { timeout: 10_000 }),
  ).toBeInTheDocument()
  expect(within(section()).getByRole('button', { name: 'Try again' })).toBeInTheDocument()
})

test('a link the server refuses (a redirect URI not on its allow-list) is explained', async () => {
  const client = await signedInAda()
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  window.history.replaceState(null, '', '/account')
  plinto.faults.respond({
    path: '/oauth/dev/link',
    method: 'POST',
    status: 422,
    body: { detail: 'redirect_uri is not allowed', error_code: 'VALIDATION_ERROR' },
  })
  await userEvent.setup().click(await within(section()).findByRole('button', { name: 'Connect Development' }))
  expect(await within(section()).findByRole('alert')).toHaveTextContent('The account could not be connected.')
  expect(within(section()).getByRole('button', { name: 'Connect Development' })).toBeEnabled()
})

test('cancelling the confirmation keeps the identity and sends nothing', async () => {
  const client = await signedInAda()
  await linkDev(client, 'ada.work@example.com')
  const [identity] = (await client.users.listIdentities()).identities
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  const region = section()
  const user = userEvent.setup()
  const menu = await within(region).findByRole('button', { name: 'Actions for Development (ada.work@example.com)' })
  await user.click(menu)
  await user.click(screen.getByRole('menuitem', { name: 'Disconnect' }))
  const confirm = await screen.findByRole('alertdialog', { name: 'Disconnect Development?' })
  await user.click(within(confirm).getByRole('button', { name: 'Cancel' }))
  await waitFor(() => expect(menu).toHaveFocus())
  expect(within(region).getByText('Development')).toBeInTheDocument()
  expect(plinto.countRequests('DELETE', `/users/me/identities/${identity!.id}`)).toBe(0)
})

test('"Connect …" buttons are secondary: the section has no primary button', async () => {
  const client = await signedInAda()
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  const button = await within(section()).findByRole('button', { name: 'Connect Development' })
  expect(button).toHaveClass('plinto-secondary-button')
  expect(section().querySelector('.plinto-primary-button')).toBeNull()
})

test('while loading: a skeleton announced as busy; without identities: the empty state', async () => {
  const client = await signedInAda()
  plinto.faults.delay({ path: '/users/me/identities', method: 'GET', ms: 300 })
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} />, { client })
  expect(within(section()).getByText('Loading…').closest('[aria-busy="true"]')).toHaveClass('plinto-skeleton')
  expect(await within(section()).findByText('No provider is connected.')).toHaveClass('plinto-empty-state')
})

test('the last passkey cannot be deleted (LAST_SIGN_IN_METHOD): the passkeys section says why, in en and es', async () => {
  installWebAuthn()
  // Grace signed up with the provider, added a passkey, then disconnected the provider: the passkey is all left.
  const client = await oauthOnly()
  const passkey = await client.passkeys.registerPasskey({ name: 'Phone' })
  const [identity] = (await client.users.listIdentities()).identities
  await client.users.unlinkIdentity(identity!.id)

  const deleteLastPasskey = async (region: HTMLElement, labels: { menu: string; item: string; confirm: string }) => {
    const user = userEvent.setup()
    await user.click(await within(region).findByRole('button', { name: labels.menu }))
    await user.click(screen.getByRole('menuitem', { name: labels.item }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: labels.confirm }))
  }
  const english = renderWithPlinto(<UserProfile sections={['passkeys']} />, { client })
  const passkeys = screen.getByRole('region', { name: 'Passkeys' })
  await deleteLastPasskey(passkeys, { menu: 'Actions for Phone', item: 'Delete', confirm: 'Delete' })
  expect(await within(passkeys).findByRole('alert')).toHaveTextContent(
    'This is your only way to sign in. Set a password, add another passkey or connect a provider before you remove it.',
  )
  expect(within(passkeys).getByText('Phone')).toBeInTheDocument()
  english.unmount()

  renderWithPlinto(<UserProfile sections={['passkeys']} localization={es} />, { client })
  const llaves = screen.getByRole('region', { name: es.userProfile.passkeysTitle })
  await deleteLastPasskey(llaves, {
    menu: es.account.rowActions('Phone'),
    item: es.userProfile.delete,
    confirm: es.userProfile.delete,
  })
  expect(await within(llaves).findByRole('alert')).toHaveTextContent(/^Es tu única forma de iniciar sesión\./)
  expect((await client.passkeys.listPasskeys()).passkeys.map((kept) => kept.id)).toEqual([passkey.id])
  expect(plinto.countRequests('DELETE', `/passkeys/${passkey.id}`)).toBe(2)
})

test('disconnecting the last way to sign in is explained in Spanish too', async () => {
  const client = await oauthOnly()
  renderWithPlinto(<UserProfile sections={[CONNECTED_ACCOUNTS_SECTION]} localization={es} />, { client })
  const region = screen.getByRole('region', { name: 'Cuentas conectadas' })
  const user = userEvent.setup()
  await user.click(await within(region).findByRole('button', { name: /^Acciones para Development/ }))
  await user.click(screen.getByRole('menuitem', { name: 'Desconectar' }))
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Desconectar' }))
  expect(await within(region).findByRole('alert')).toHaveTextContent(/^Es tu única forma de iniciar sesión\./)
})
