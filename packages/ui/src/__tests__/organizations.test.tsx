import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { CreateOrganization, OrganizationSwitcher, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

describe('CreateOrganization', () => {
  test('suggests the slug from the name, creates, makes it active and navigates', async () => {
    const client = await signedInAda()
    const { navigate, container } = renderWithPlinto(<CreateOrganization redirectUrl="/organization" />, { client })
    const user = userEvent.setup()
    const name = screen.getByLabelText('Organization name')
    await waitFor(() => expect(name).toHaveFocus())
    await user.type(name, 'Acme Café & Co.')
    expect(screen.getByLabelText('URL slug')).toHaveValue('acme-cafe-co')
    await expectNoAxeViolations(container)
    await user.click(screen.getByRole('button', { name: 'Create organization' }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/organization'))
    const { organizations } = await client.organizations.listOrganizations()
    expect(organizations).toMatchObject([{ name: 'Acme Café & Co.', slug: 'acme-cafe-co', role: 'owner' }])
    expect(client.getSnapshot().organizationId).toBe(organizations[0]!.id)
  })

  test('a slug in use is shown at the slug field; an edited slug is no longer overwritten', async () => {
    await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD })
    await plinto.seedOrganization({ name: 'Acme', slug: 'acme', owner: 'bob@example.com' })
    const client = await signedInAda()
    const { container } = renderWithPlinto(<CreateOrganization />, { client })
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Organization name'), 'Acme')
    await user.click(screen.getByRole('button', { name: 'Create organization' }))
    const slug = screen.getByLabelText('URL slug')
    await waitFor(() => expect(slug).toHaveFocus())
    expect(slug).toHaveAccessibleDescription(
      expect.stringContaining('This slug is already used by another organization.'),
    )
    await expectNoAxeViolations(container)
    await user.clear(slug)
    await user.type(slug, 'acme-labs')
    await user.type(screen.getByLabelText('Organization name'), ' Labs')
    expect(slug).toHaveValue('acme-labs')
    await user.click(screen.getByRole('button', { name: 'Create organization' }))
    await waitFor(() => expect(client.getSnapshot().organizationId).not.toBeNull())
  })

  test('checks before sending: a name and a valid slug', async () => {
    const client = await signedInAda()
    renderWithPlinto(<CreateOrganization />, { client })
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Create organization' }))
    expect(await screen.findByText('Enter a name.')).toBeInTheDocument()
    expect(plinto.countRequests('POST', '/organizations')).toBe(0)
  })
})

describe('OrganizationSwitcher', () => {
  test('keyboard: opens on the first item, the active one is checked, Enter switches, Escape closes', async () => {
    const client = await signedInAda()
    const acme = await client.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
    const beta = await client.organizations.createOrganization({ name: 'Beta', slug: 'beta' })
    await client.organizations.setActive(acme.id)
    const afterSwitch = (id: string | null) => switched.push(id)
    const switched: (string | null)[] = []
    const { container } = renderWithPlinto(
      <OrganizationSwitcher createOrganizationUrl="/organizations/new" afterSwitch={afterSwitch} />,
      { client },
    )
    const user = userEvent.setup()
    const trigger = await screen.findByRole('button', { name: 'Switch organization, current: Acme' })
    trigger.focus()
    await user.keyboard('{ArrowDown}')
    const personal = screen.getByRole('menuitemradio', { name: 'Personal account' })
    await waitFor(() => expect(personal).toHaveFocus())
    expect(screen.getByRole('menuitemradio', { name: /Acme/ })).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByRole('menuitemradio', { name: /Beta/ })).toHaveAttribute('aria-checked', 'false')
    expect(screen.getByRole('menuitem', { name: 'Create organization' })).toHaveAttribute('href', '/organizations/new')
    await expectNoAxeViolations(container)

    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(screen.getByRole('menuitemradio', { name: /Beta/ })).toHaveFocus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(client.getSnapshot().organizationId).toBe(beta.id))
    expect(switched).toEqual([beta.id])
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
    expect(trigger).toHaveFocus()
    expect(trigger).toHaveAccessibleName('Switch organization, current: Beta')

    await user.keyboard('{ArrowUp}')
    expect(screen.getByRole('menuitem', { name: 'Create organization' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
    expect(trigger).toHaveFocus()
  })

  test('an accepted invitation (the link from the outbox) shows up next time the menu opens', async () => {
    await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD })
    const bob = makeClient()
    await bob.auth.signIn({ email: 'bob@example.com', password: PASSWORD })
    const team = await bob.organizations.createOrganization({ name: 'Team', slug: 'team' })
    const client = await signedInAda()
    renderWithPlinto(<OrganizationSwitcher onCreateOrganization={() => {}} />, { client })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: /Switch organization/ }))
    await waitFor(() => expect(screen.queryByText('Loading organizations…')).not.toBeInTheDocument())
    expect(screen.getAllByRole('menuitemradio')).toHaveLength(1)
    await user.keyboard('{Escape}')

    await bob.organizations.inviteMember(team.id, { email: EMAIL, role: 'admin' })
    const link = new URL(plinto.lastMessage(EMAIL).link!)
    expect(link.pathname).toBe('/accept-invitation')
    await client.organizations.acceptInvitation(link.searchParams.get('token')!)

    await user.click(screen.getByRole('button', { name: /Switch organization/ }))
    expect(await screen.findByRole('menuitemradio', { name: /Team/ })).toBeInTheDocument()
    expect(screen.getByRole('menuitemradio', { name: /Team/ })).toHaveTextContent('Admin')
    await user.click(screen.getByRole('menuitemradio', { name: /Team/ }))
    await waitFor(() => expect(client.getSnapshot().organizationId).toBe(team.id))
  })

  test('Spanish', async () => {
    const client = await signedInAda()
    renderWithPlinto(<OrganizationSwitcher onCreateOrganization={() => {}} />, { client, localization: es })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Cambiar de organización, actual: Cuenta personal' }))
    expect(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Crear organización' })).toBeInTheDocument()
  })
})
