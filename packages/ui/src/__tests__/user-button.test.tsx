import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import type { PlintoClient } from '@plinto/typescript-sdk'
import { EMAIL, PASSWORD } from '@plinto/test-support'
import { UserButton } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedInClient(
  seed: { first_name?: string | null; last_name?: string | null } = {},
): Promise<PlintoClient> {
  await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace', ...seed })
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

test('renders nothing when signed out', async () => {
  const client = makeClient()
  await client.ready()
  const { container } = renderWithPlinto(<UserButton />, { client })
  expect(container).toBeEmptyDOMElement()
})

test("an avatar with initials whose accessible name includes the user's name", async () => {
  const { container } = renderWithPlinto(<UserButton />, { client: await signedInClient() })
  const trigger = screen.getByRole('button', { name: 'Account menu for Ada Lovelace' })
  expect(trigger).toHaveAttribute('aria-haspopup', 'menu')
  expect(trigger).toHaveAttribute('aria-expanded', 'false')
  expect(trigger.querySelector('[data-initials]')).toHaveAttribute('data-initials', 'AL')
  await expectNoAxeViolations(container)
})

test('without a name: the email names the button and gives the initial', async () => {
  renderWithPlinto(<UserButton />, { client: await signedInClient({ first_name: null, last_name: null }) })
  expect(
    screen.getByRole('button', { name: `Account menu for ${EMAIL}` }).querySelector('[data-initials]'),
  ).toHaveAttribute('data-initials', 'A')
})

test('keyboard: Enter opens on the first item, arrows move and wrap, Escape closes and returns focus', async () => {
  const { container } = renderWithPlinto(<UserButton userProfileUrl="/account" />, { client: await signedInClient() })
  const user = userEvent.setup()
  const trigger = screen.getByRole('button', { name: 'Account menu for Ada Lovelace' })
  await user.tab()
  expect(trigger).toHaveFocus()

  await user.keyboard('{Enter}')
  expect(trigger).toHaveAttribute('aria-expanded', 'true')
  const menu = screen.getByRole('menu', { name: 'Account menu for Ada Lovelace' })
  expect(trigger).toHaveAttribute('aria-controls', menu.id)
  const [account, signOut] = screen.getAllByRole('menuitem')
  expect(account).toHaveAccessibleName('Manage account')
  expect(account).toHaveAttribute('href', '/account')
  expect(signOut).toHaveAccessibleName('Sign out')
  await waitFor(() => expect(account).toHaveFocus())
  await expectNoAxeViolations(container)

  await user.keyboard('{ArrowDown}')
  expect(signOut).toHaveFocus()
  await user.keyboard('{ArrowDown}')
  expect(account).toHaveFocus() // wraps
  await user.keyboard('{ArrowUp}')
  expect(signOut).toHaveFocus()
  await user.keyboard('{Home}')
  expect(account).toHaveFocus()
  await user.keyboard('{End}')
  expect(signOut).toHaveFocus()

  await user.keyboard('{Escape}')
  expect(screen.queryByRole('menu')).not.toBeInTheDocument()
  expect(trigger).toHaveAttribute('aria-expanded', 'false')
  expect(trigger).toHaveFocus()
})

test('Space and ArrowDown open on the first item, ArrowUp on the last; Tab closes', async () => {
  renderWithPlinto(<UserButton userProfileUrl="/account" />, { client: await signedInClient() })
  const user = userEvent.setup()
  const trigger = screen.getByRole('button', { name: /Account menu/ })
  trigger.focus()
  await user.keyboard(' ')
  await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Manage account' })).toHaveFocus())
  await user.keyboard('{Escape}')
  await user.keyboard('{ArrowDown}')
  await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Manage account' })).toHaveFocus())
  await user.keyboard('{Escape}')
  await user.keyboard('{ArrowUp}')
  await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Sign out' })).toHaveFocus())
  await user.tab()
  expect(screen.queryByRole('menu')).not.toBeInTheDocument()
})

test('a click outside closes the menu', async () => {
  renderWithPlinto(
    <>
      <UserButton />
      <p>elsewhere</p>
    </>,
    { client: await signedInClient() },
  )
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: /Account menu/ }))
  expect(screen.getByRole('menu')).toBeInTheDocument()
  await user.click(screen.getByText('elsewhere'))
  expect(screen.queryByRole('menu')).not.toBeInTheDocument()
})

test('Sign out ends the session on the server, hides the button, and navigates', async () => {
  const client = await signedInClient()
  const { container, navigate } = renderWithPlinto(<UserButton afterSignOutUrl="/goodbye" />, { client })
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: /Account menu/ }))
  await user.click(screen.getByRole('menuitem', { name: 'Sign out' }))
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/goodbye'))
  expect(plinto.countRequests('POST', '/auth/signout')).toBe(1)
  expect(client.getSnapshot().status).toBe('signed_out')
  expect(container).toBeEmptyDOMElement()
})

test('a profile picture replaces the initials, and falls back to them if it fails to load', async () => {
  const client = await signedInClient()
  const user = client.getSnapshot().user!
  // Simulate a user with a picture by updating the client's view of the user the way the API would.
  const withPicture = { ...user, profile_image_url: 'https://cdn.example.com/ada.png' }
  plinto.faults.respond({ path: '/auth/me', status: 200, body: withPicture })
  await client.auth.getCurrentUser()
  const { container } = renderWithPlinto(<UserButton />, { client })
  const img = container.querySelector('img')!
  expect(img).toHaveAttribute('src', 'https://cdn.example.com/ada.png')
  expect(img).toHaveAttribute('alt', '')
  act(() => {
    img.dispatchEvent(new Event('error'))
  })
  expect(container.querySelector('img')).toBeNull()
  expect(
    screen.getByRole('button', { name: 'Account menu for Ada Lovelace' }).querySelector('[data-initials]'),
  ).toHaveAttribute('data-initials', 'AL')
})
