import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { OrganizationProfile, UserProfile } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

// Every list of the account screens has a loading skeleton, an empty state and an error with a retry.
const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function adaInAcme() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  const acme = await client.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
  await client.organizations.setActive(acme.id)
  return { client, acme }
}

const region = (name: string) => screen.getByRole('region', { name })

test('members: skeleton while loading, then the list; an error with retry', async () => {
  const { client, acme } = await adaInAcme()
  plinto.faults.respond({ path: `/organizations/${acme.id}/members`, method: 'GET', status: 500, times: 3 })
  const { container } = renderWithPlinto(<OrganizationProfile defaultPane="members" />, { client })
  const members = await screen.findByRole('region', { name: 'Members' })
  const busy = members.querySelector('[aria-busy="true"]')
  expect(busy).toHaveTextContent('Loading…')
  expect(busy!.querySelectorAll('[aria-hidden="true"]')).toHaveLength(3) // placeholder rows, hidden from readers
  await expectNoAxeViolations(container)
  expect(await within(members).findByText(/We could not load this/, undefined, { timeout: 5_000 })).toHaveRole('alert')
  await expectNoAxeViolations(container)
  await userEvent.setup().click(within(members).getByRole('button', { name: 'Try again' }))
  await waitFor(() => expect(within(region('Members')).getAllByRole('listitem')).toHaveLength(1))
})

test('members: the empty state', async () => {
  const { client, acme } = await adaInAcme()
  plinto.faults.respond({
    path: `/organizations/${acme.id}/members`,
    method: 'GET',
    status: 200,
    body: { members: [], total: 0 },
    times: 3,
  })
  renderWithPlinto(<OrganizationProfile defaultPane="members" />, { client })
  expect(await screen.findByText('No members yet.')).toBeInTheDocument()
  expect(within(region('Members')).queryByRole('list')).not.toBeInTheDocument()
})

test('invitations: empty state, and an error with retry', async () => {
  const { client, acme } = await adaInAcme()
  plinto.faults.respond({ path: `/organizations/${acme.id}/invitations`, method: 'GET', status: 500, times: 3 })
  renderWithPlinto(<OrganizationProfile defaultPane="invitations" />, { client })
  const invitations = await screen.findByRole('region', { name: 'Invitations' })
  expect(await within(invitations).findByText(/We could not load this/, undefined, { timeout: 5_000 })).toHaveRole(
    'alert',
  )
  await userEvent.setup().click(within(invitations).getByRole('button', { name: 'Try again' }))
  expect(await within(invitations).findByText('No pending invitations.')).toBeInTheDocument()
})

test('sessions: the empty state; passkeys: an error with retry', async () => {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  plinto.faults.respond({ path: '/sessions', method: 'GET', status: 200, body: { sessions: [], total: 0 }, times: 3 })
  plinto.faults.respond({ path: '/passkeys', method: 'GET', status: 500, times: 3 })
  renderWithPlinto(<UserProfile defaultPane="sessions" />, { client })
  expect(await screen.findByText('No active sessions.')).toBeInTheDocument()
  expect(within(region('Active sessions')).queryByRole('button', { name: 'Sign out all other sessions' })).toBeNull()

  await userEvent.setup().click(screen.getByRole('tab', { name: 'Security' }))
  const passkeys = region('Passkeys')
  expect(await within(passkeys).findByText(/We could not load this/, undefined, { timeout: 5_000 })).toHaveRole('alert')
  await userEvent.setup().click(within(passkeys).getByRole('button', { name: 'Try again' }))
  expect(await within(passkeys).findByText(/You have no passkeys yet/)).toBeInTheDocument()
})
