import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { OrganizationProfile, OrganizationSwitcher, UserButton, UserProfile } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
const CAROL = 'carol@example.com'

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

async function adaOwningAcmeWithCarol() {
  await seedAda(plinto)
  await plinto.seedUser({ email: CAROL, password: PASSWORD, first_name: 'Carol', last_name: 'Chen' })
  const acme = await plinto.seedOrganization({
    name: 'Acme',
    slug: 'acme',
    owner: EMAIL,
    members: [{ email: CAROL, role: 'member' }],
  })
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  await client.organizations.setActive(acme.id)
  return { client, acme }
}

test('UserButton: "Manage account" opens UserProfile in a modal dialog; Tab stays inside; Escape closes and focus returns', async () => {
  const { container } = renderWithPlinto(<UserButton />, { client: await signedInAda() })
  const user = userEvent.setup()
  const trigger = screen.getByRole('button', { name: 'Account menu for Ada Lovelace' })
  await user.click(trigger)
  await user.click(screen.getByRole('menuitem', { name: 'Manage account' }))

  const dialog = await screen.findByRole('dialog', { name: 'Your account' })
  expect(dialog).toHaveAttribute('aria-modal', 'true')
  expect(within(dialog).getByRole('tablist', { name: 'Account settings' })).toBeInTheDocument()
  const close = within(dialog).getByRole('button', { name: 'Close' })
  await waitFor(() => expect(close).toHaveFocus())
  await expectNoAxeViolations(container)

  // Shift+Tab from the first focusable element wraps to the last one, Tab from the last back to the first.
  await user.tab({ shift: true })
  const last = document.activeElement as HTMLElement
  expect(dialog).toContainElement(last)
  expect(last).not.toBe(close)
  await user.tab()
  expect(close).toHaveFocus()

  // A pane switch inside the dialog moves focus to its heading, still inside.
  await user.click(within(dialog).getByRole('tab', { name: 'Sessions' }))
  await waitFor(() => expect(within(dialog).getByRole('heading', { level: 2, name: 'Sessions' })).toHaveFocus())

  await user.keyboard('{Escape}')
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  expect(trigger).toHaveFocus()

  // The close button closes it too, focus back on the avatar.
  await user.click(trigger)
  await user.click(screen.getByRole('menuitem', { name: 'Manage account' }))
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Close' }))
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(trigger).toHaveFocus()
})

test('UserButton: userProfileProps reach the profile in the dialog; navigation mode links instead', async () => {
  const client = await signedInAda()
  const { unmount } = renderWithPlinto(<UserButton userProfileProps={{ defaultPane: 'security' }} />, { client })
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: /Account menu/ }))
  await user.click(screen.getByRole('menuitem', { name: 'Manage account' }))
  const dialog = await screen.findByRole('dialog', { name: 'Your account' })
  expect(within(dialog).getByRole('tab', { name: 'Security' })).toHaveAttribute('aria-selected', 'true')
  unmount()

  renderWithPlinto(<UserButton userProfileMode="navigation" userProfileUrl="/account" />, { client })
  await user.click(screen.getByRole('button', { name: /Account menu/ }))
  expect(screen.getByRole('menuitem', { name: 'Manage account' })).toHaveAttribute('href', '/account')
})

test('OrganizationSwitcher: "Manage organization" opens OrganizationProfile in the dialog; Escape returns focus', async () => {
  const { client } = await adaOwningAcmeWithCarol()
  const { container } = renderWithPlinto(<OrganizationSwitcher />, { client })
  const user = userEvent.setup()
  const trigger = await screen.findByRole('button', { name: /Switch organization/ })
  await user.click(trigger)
  await user.click(await screen.findByRole('menuitem', { name: 'Manage organization' }))
  const dialog = await screen.findByRole('dialog', { name: 'Acme' })
  await user.click(within(dialog).getByRole('tab', { name: 'Members' }))
  await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(2))
  await expectNoAxeViolations(container)

  // A confirmation on top of the dialog: its Escape closes only the confirmation.
  await user.click(within(dialog).getByRole('button', { name: 'Actions for Carol Chen' }))
  await user.click(screen.getByRole('menuitem', { name: 'Remove' }))
  expect(await screen.findByRole('alertdialog', { name: 'Remove Carol Chen?' })).toBeInTheDocument()
  await user.keyboard('{Escape}')
  await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
  expect(screen.getByRole('dialog', { name: 'Acme' })).toBeInTheDocument()
  expect(within(dialog).getByRole('button', { name: 'Actions for Carol Chen' })).toHaveFocus()

  await user.keyboard('{Escape}')
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  expect(trigger).toHaveFocus()
  expect(plinto.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0)
})

test('OrganizationSwitcher: no "Manage organization" on the personal account', async () => {
  renderWithPlinto(<OrganizationSwitcher />, { client: await signedInAda() })
  const user = userEvent.setup()
  await user.click(await screen.findByRole('button', { name: /Switch organization/ }))
  await screen.findByRole('menuitemradio', { name: /Personal account/ })
  expect(screen.queryByRole('menuitem', { name: 'Manage organization' })).not.toBeInTheDocument()
})

test('row menu + confirmation: keyboard from the menu button, Cancel changes nothing, Remove removes', async () => {
  const { client, acme } = await adaOwningAcmeWithCarol()
  const { container } = renderWithPlinto(<OrganizationProfile defaultPane="members" />, { client })
  const user = userEvent.setup()
  const menuButton = await screen.findByRole('button', { name: 'Actions for Carol Chen' })
  await waitFor(() => expect(menuButton).toBeEnabled())
  menuButton.focus()
  await user.keyboard('{ArrowDown}')
  const menu = screen.getByRole('menu', { name: 'Actions for Carol Chen' })
  const items = within(menu).getAllByRole('menuitem')
  // Role changes first, the destructive action last.
  expect(items.map((item) => item.textContent)).toEqual(['Make owner', 'Make admin', 'Remove'])
  await waitFor(() => expect(items[0]).toHaveFocus())
  await user.keyboard('{ArrowUp}')
  expect(items[2]).toHaveFocus()
  await expectNoAxeViolations(container)
  await user.keyboard('{Enter}')

  const confirm = await screen.findByRole('alertdialog', { name: 'Remove Carol Chen?' })
  expect(confirm).toHaveAccessibleDescription(/They lose access to this organization at once/)
  // Focus starts on the safe choice.
  await waitFor(() => expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus())
  await expectNoAxeViolations(container)
  await user.keyboard('{Enter}')
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
  expect(menuButton).toHaveFocus()
  expect(plinto.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0)

  await user.keyboard('{ArrowUp}{Enter}')
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove' }))
  await waitFor(() =>
    expect(within(screen.getByRole('region', { name: 'Members' })).getByRole('status')).toHaveTextContent(
      'The member was removed.',
    ),
  )
  expect((await client.organizations.listMembers(acme.id)).members.map((m) => m.email)).toEqual([EMAIL])
  // The row and its menu button are gone: focus lands on the pane's heading, not on the page's body.
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Actions for Carol Chen' })).not.toBeInTheDocument())
  expect(within(screen.getByRole('tabpanel')).getAllByRole('heading', { level: 2, name: 'Members' })[0]).toHaveFocus()
})

test('a session is signed out from its row menu after confirming; Cancel keeps it', async () => {
  const client = await signedInAda()
  await makeClient().auth.signIn({ email: EMAIL, password: PASSWORD })
  renderWithPlinto(<UserProfile defaultPane="sessions" />, { client })
  const user = userEvent.setup()
  const region = await screen.findByRole('region', { name: 'Active sessions' })
  await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(2))
  const other = within(region).getByRole('button', { name: /^Actions for (?!.*This device)/ })
  await user.click(other)
  await user.click(screen.getByRole('menuitem', { name: 'Sign out' }))
  const confirm = await screen.findByRole('alertdialog', { name: /^Sign out .*\?$/ })
  expect(confirm).toHaveAccessibleDescription('That device has to sign in again to use your account.')
  await user.click(within(confirm).getByRole('button', { name: 'Cancel' }))
  expect(within(region).getAllByRole('listitem')).toHaveLength(2)
  expect(plinto.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0)

  await user.click(other)
  await user.click(screen.getByRole('menuitem', { name: 'Sign out' }))
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out' }))
  await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(1))
  expect(client.getSnapshot().status).toBe('signed_in')
})
