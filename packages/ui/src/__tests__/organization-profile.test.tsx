import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { OrganizationProfile, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
const BOB = 'bob@example.com'
const CAROL = 'carol@example.com'

/** Acme with Ada in `role`; Bob owns it and Carol is a member. Ada's client has Acme active. */
async function acmeAs(role: 'owner' | 'admin' | 'member') {
  await seedAda(plinto)
  await plinto.seedUser({ email: BOB, password: PASSWORD, first_name: 'Bob', last_name: 'Builder' })
  await plinto.seedUser({ email: CAROL, password: PASSWORD, first_name: 'Carol', last_name: 'Chen' })
  const acme = await plinto.seedOrganization({
    name: 'Acme',
    slug: 'acme',
    owner: BOB,
    members: [
      { email: EMAIL, role },
      { email: CAROL, role: 'member' },
    ],
  })
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  await client.organizations.setActive(acme.id)
  return { client, acme }
}

const region = (name: string) => screen.getByRole('region', { name })
/** A member's (or invitation's) row menu button. */
const actions = (name: string) => screen.getByRole('button', { name: `Actions for ${name}` })
/** A member's row in the Members pane. */
const row = (name: string) => within(region('Members')).getByText(name).closest('li')!
type User = ReturnType<typeof userEvent.setup>
const openPane = (user: User, name: string) => user.click(screen.getByRole('tab', { name }))
/** A row's action from its menu, then the confirmation's button. */
async function rowAction(user: User, name: string, item: string, confirmWith: string) {
  await user.click(actions(name))
  await user.click(screen.getByRole('menuitem', { name: item }))
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: confirmWith }))
}

test('without an active organization it says so', async () => {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  const { container } = renderWithPlinto(<OrganizationProfile />, { client })
  expect(screen.getByText('No organization is active. Choose one first.')).toBeInTheDocument()
  await expectNoAxeViolations(container)
})

describe('as owner', () => {
  test('edits details; changes a role; removes a member; invites and revokes', async () => {
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
    const { container } = renderWithPlinto(<OrganizationProfile />, { client })
    const user = userEvent.setup()
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme' })).toBeInTheDocument()
    await openPane(user, 'Members')
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(2))
    await expectNoAxeViolations(container)
    await openPane(user, 'Invitations')
    await within(region('Invitations')).findByText('No pending invitations.')
    await expectNoAxeViolations(container)
    await openPane(user, 'General')

    // Details
    const name = screen.getByLabelText('Organization name')
    await user.clear(name)
    await user.type(name, 'Acme Inc.')
    await user.click(screen.getByRole('button', { name: 'Save details' }))
    await waitFor(() =>
      expect(within(region('Details')).getByRole('status')).toHaveTextContent('The details are saved.'),
    )
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc.' })).toBeInTheDocument()

    // The last owner can neither be demoted nor leave.
    await waitFor(() => expect(screen.getByText(/You are its only owner/)).toBeInTheDocument())
    expect(screen.getByRole('button', { name: 'Leave' })).toBeDisabled()
    await openPane(user, 'Members')
    expect(actions('Ada Lovelace')).toBeDisabled()

    // Role change, from the row's menu, confirmed
    expect(within(row('Carol Chen')).getByText('Member')).toBeInTheDocument()
    await rowAction(user, 'Carol Chen', 'Make admin', 'Change role')
    await waitFor(() =>
      expect(within(region('Members')).getByRole('status')).toHaveTextContent('The role was changed.'),
    )
    expect(within(row('Carol Chen')).getByText('Admin')).toBeInTheDocument()
    expect((await client.organizations.listMembers(acme.id)).members.find((m) => m.email === CAROL)!.role).toBe('admin')

    // Invite (owners may invite owners), then revoke
    await openPane(user, 'Invitations')
    const invitations = region('Invitations')
    await user.type(within(invitations).getByLabelText('Email'), 'dan@example.com')
    expect(within(invitations).getByRole('option', { name: 'Owner' })).toBeInTheDocument()
    await user.selectOptions(within(invitations).getByLabelText('Role'), 'admin')
    await user.click(within(invitations).getByRole('button', { name: 'Send invitation' }))
    await waitFor(() =>
      expect(within(invitations).getByRole('status')).toHaveTextContent('We sent an invitation to dan@example.com.'),
    )
    expect(await within(invitations).findByText('dan@example.com')).toBeInTheDocument()
    expect(plinto.lastMessage('dan@example.com').link).toContain('/accept-invitation?token=')
    await expectNoAxeViolations(container)
    await rowAction(user, 'dan@example.com', 'Revoke', 'Revoke')
    expect(await within(invitations).findByText('No pending invitations.')).toBeInTheDocument()

    // Remove
    await openPane(user, 'Members')
    await rowAction(user, 'Carol Chen', 'Remove', 'Remove')
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(1))
  })

  test('an invited user accepts with the emailed link and appears among the members', async () => {
    const { client, acme } = await acmeAs('owner')
    renderWithPlinto(<OrganizationProfile />, { client })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('tab', { name: 'Invitations' }))
    const invitations = await screen.findByRole('region', { name: 'Invitations' })
    await plinto.seedUser({ email: 'dan@example.com', password: PASSWORD, first_name: 'Dan', last_name: 'Dev' })
    await user.type(within(invitations).getByLabelText('Email'), 'dan@example.com')
    await user.click(within(invitations).getByRole('button', { name: 'Send invitation' }))
    await within(invitations).findByText('dan@example.com')

    const dan = makeClient()
    await dan.auth.signIn({ email: 'dan@example.com', password: PASSWORD })
    const token = new URL(plinto.lastMessage('dan@example.com').link!).searchParams.get('token')!
    expect(await dan.organizations.acceptInvitation(token)).toMatchObject({
      organization: { id: acme.id },
      role: 'member',
    })

    // The owner's next action on the members list (here a role change) reloads it: Dan is there.
    await openPane(user, 'Members')
    await waitFor(() => expect(actions('Carol Chen')).toBeEnabled())
    await rowAction(user, 'Carol Chen', 'Make admin', 'Change role')
    expect(await within(region('Members')).findByText('Dan Dev')).toBeInTheDocument()
  })
})

describe('as admin', () => {
  test('cannot touch the owner nor offer "Owner"; the server’s refusal is still shown', async () => {
    const { client } = await acmeAs('admin')
    const { container } = renderWithPlinto(<OrganizationProfile />, { client })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('tab', { name: 'Members' }))
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(3))
    // The owner's row offers nothing (no role change, no removal): its menu button is disabled.
    expect(actions('Bob Builder')).toBeDisabled()
    expect(actions('Carol Chen')).toBeEnabled()
    await user.click(actions('Carol Chen'))
    expect(screen.getByRole('menuitem', { name: 'Make admin' })).toBeInTheDocument()
    expect(screen.getByRole('menuitem', { name: 'Remove' })).toBeInTheDocument()
    expect(screen.queryByRole('menuitem', { name: 'Make owner' })).not.toBeInTheDocument()
    await user.keyboard('{Escape}')
    expect(actions('Carol Chen')).toHaveFocus()
    await expectNoAxeViolations(container)
    await openPane(user, 'Invitations')
    expect(within(region('Invitations')).queryByRole('option', { name: 'Owner' })).not.toBeInTheDocument()
    await expectNoAxeViolations(container)
    await openPane(user, 'Members')

    plinto.faults.respond({
      path: /\/members\/.*\/role$/,
      status: 403,
      body: { detail: 'Forbidden', error_code: 'FORBIDDEN' },
    })
    await rowAction(user, 'Carol Chen', 'Make admin', 'Change role')
    await waitFor(() =>
      expect(within(region('Members')).getByRole('alert')).toHaveTextContent('Your role does not allow this.'),
    )
  })
})

describe('as member', () => {
  test('details read-only, no member management, no invitations; can leave', async () => {
    const { client } = await acmeAs('member')
    const { container } = renderWithPlinto(<OrganizationProfile />, { client })
    const user = userEvent.setup()
    expect(await screen.findByText('Only owners and admins can change these details.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Save details' })).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Invitations' })).not.toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: 'Invitations' })).not.toBeInTheDocument()
    await openPane(user, 'Members')
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(3))
    const menus = within(region('Members')).getAllByRole('button', { name: /^Actions for / })
    expect(menus).toHaveLength(3)
    for (const menu of menus) expect(menu).toBeDisabled()
    expect(actions('Carol Chen')).toBeDisabled()
    await expectNoAxeViolations(container)

    await openPane(user, 'General')
    await waitFor(() => expect(screen.getByRole('button', { name: 'Leave' })).toBeEnabled())
    await user.click(screen.getByRole('button', { name: 'Leave' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Leave this organization?' })
    await user.click(within(confirm).getByRole('button', { name: 'Leave' }))
    await waitFor(() => expect(client.getSnapshot().organizationId).toBeNull())
    expect(await screen.findByText('No organization is active. Choose one first.')).toBeInTheDocument()
  })

  test('Spanish', async () => {
    const { client } = await acmeAs('member')
    renderWithPlinto(<OrganizationProfile />, { client, localization: es })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('tab', { name: 'Miembros' }))
    expect(await screen.findByRole('region', { name: 'Miembros' })).toBeInTheDocument()
    await openPane(user, 'Datos generales')
    expect(screen.getByText('Solo los propietarios y administradores pueden cambiar estos datos.')).toBeInTheDocument()
  })
})
