import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { UserButton, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

test('"Manage account" can call your handler (e.g. to open <UserProfile /> in a dialog)', async () => {
  const client = await signedInAda()
  const onManageAccount = vi.fn()
  renderWithPlinto(<UserButton onManageAccount={onManageAccount} />, { client })
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: /Account menu/ }))
  const item = screen.getByRole('menuitem', { name: 'Manage account' })
  await waitFor(() => expect(item).toHaveFocus())
  await user.keyboard('{Enter}')
  expect(onManageAccount).toHaveBeenCalledOnce()
  expect(screen.queryByRole('menu')).not.toBeInTheDocument()
  // Opening the menu fetched the organizations; let that answer arrive inside this test.
  await waitFor(() => expect(plinto.requests.some((r) => r.method === 'GET' && r.path === '/organizations')).toBe(true))
  await new Promise((resolve) => setTimeout(resolve, 20))
})

test('the menu lists the organizations (fetched on opening), the active one checked; choosing one switches', async () => {
  const client = await signedInAda()
  const acme = await client.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
  await client.organizations.setActive(acme.id)
  const beta = await client.organizations.createOrganization({ name: 'Beta', slug: 'beta' })
  const before = plinto.requests.length
  const { container } = renderWithPlinto(<UserButton userProfileUrl="/account" />, { client })
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(plinto.requests.length).toBe(before) // nothing before the menu opens
  const user = userEvent.setup()
  const trigger = screen.getByRole('button', { name: /Account menu/ })
  await user.click(trigger)
  const group = await screen.findByRole('group', { name: 'Organizations' })
  expect(within(group).getByRole('menuitemradio', { name: 'Acme' })).toHaveAttribute('aria-checked', 'true')
  expect(within(group).getByRole('menuitemradio', { name: 'Personal account' })).toHaveAttribute(
    'aria-checked',
    'false',
  )
  await expectNoAxeViolations(container)

  // Arrow keys walk through the organization items too.
  await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}')
  expect(within(group).getByRole('menuitemradio', { name: 'Beta' })).toHaveFocus()
  await user.keyboard('{Enter}')
  await waitFor(() => expect(client.getSnapshot().organizationId).toBe(beta.id))
  expect(trigger).toHaveFocus()
})

test('showOrganizations={false} and Spanish', async () => {
  const client = await signedInAda()
  await client.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
  renderWithPlinto(<UserButton showOrganizations={false} onManageAccount={() => {}} />, { client, localization: es })
  await userEvent.setup().click(screen.getByRole('button', { name: /Menú de la cuenta/ }))
  expect(screen.getByRole('menuitem', { name: 'Gestionar cuenta' })).toBeInTheDocument()
  expect(screen.queryByRole('group')).not.toBeInTheDocument()
  expect(plinto.requests.filter((r) => r.method === 'GET' && r.path === '/organizations')).toHaveLength(0)
})
