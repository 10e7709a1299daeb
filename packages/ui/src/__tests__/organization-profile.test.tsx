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
const roleSelect = (name: string) => screen.getByRole('combobox', { name: `Role of ${name}` })

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
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(2))
    await within(region('Invitations')).findByText('No pending invitations.')
    await expectNoAxeViolations(container)

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
    expect(roleSelect('Ada Lovelace')).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Leave' })).toBeDisabled()

    // Role change
    await user.selectOptions(roleSelect('Carol Chen'), 'admin')
    await waitFor(() =>
      expect(within(region('Members')).getByRole('status')).toHaveTextContent('The role was changed.'),
    )
    expect(roleSelect('Carol Chen')).toHaveValue('admin')
    expect((await client.organizations.listMembers(acme.id)).members.find((m) => m.email === CAROL)!.role).toBe('admin')

    // Invite (owners may invite owners), then revoke
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
    await user.click(within(invitations).getByRole('button', { name: 'Revoke: dan@example.com' }))
    expect(await within(invitations).findByText('No pending invitations.')).toBeInTheDocument()

    // Remove
    await user.click(screen.getByRole('button', { name: 'Remove: Carol Chen' }))
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(1))
  })

  test('an invited user accepts with the emailed link and appears among the members', async () => {
    const { client, acme } = await acmeAs('owner')
    renderWithPlinto(<OrganizationProfile />, { client })
    const user = userEvent.setup()
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
    await user.selectOptions(roleSelect('Carol Chen'), 'admin')
    expect(await within(region('Members')).findByText('Dan Dev')).toBeInTheDocument()
  })
})

describe('as admin', () => {
  test('cannot touch the owner nor offer "Owner"; the server’s refusal is still shown', async () => {
    const { client } = await acmeAs('admin')
    const { container } = renderWithPlinto(<OrganizationProfile />, { client })
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(3))
    expect(roleSelect('Bob Builder')).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Remove: Bob Builder' })).toBeDisabled()
    expect(roleSelect('Carol Chen')).toBeEnabled()
    expect(within(roleSelect('Carol Chen')).queryByRole('option', { name: 'Owner' })).not.toBeInTheDocument()
    expect(within(region('Invitations')).queryByRole('option', { name: 'Owner' })).not.toBeInTheDocument()
    await expectNoAxeViolations(container)

    plinto.faults.respond({
      path: /\/members\/.*\/role$/,
      status: 403,
      body: { detail: 'Forbidden', error_code: 'FORBIDDEN' },
    })
    await userEvent.setup().selectOptions(roleSelect('Carol Chen'), 'admin')
    await waitFor(() =>
      expect(within(region('Members')).getByRole('alert')).toHaveTextContent('Your role does not allow this.'),
    )
  })
})

describe('as member', () => {
  test('details read-only, no member management, no invitations; can leave', async () => {
    const { client } = await acmeAs('member')
    const { container } = renderWithPlinto(<OrganizationProfile />, { client })
    await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(3))
    expect(screen.getByText('Only owners and admins can change these details.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Save details' })).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Invitations' })).not.toBeInTheDocument()
    for (const select of screen.getAllByRole('combobox')) expect(select).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Remove: Carol Chen' })).toBeDisabled()
    await expectNoAxeViolations(container)

    await userEvent.setup().click(screen.getByRole('button', { name: 'Leave' }))
    await waitFor(() => expect(client.getSnapshot().organizationId).toBeNull())
    expect(await screen.findByText('No organization is active. Choose one first.')).toBeInTheDocument()
  })

  test('Spanish', async () => {
    const { client } = await acmeAs('member')
    renderWithPlinto(<OrganizationProfile />, { client, localization: es })
    expect(await screen.findByRole('region', { name: 'Miembros' })).toBeInTheDocument()
    expect(screen.getByText('Solo los propietarios y administradores pueden cambiar estos datos.')).toBeInTheDocument()
  })
})
