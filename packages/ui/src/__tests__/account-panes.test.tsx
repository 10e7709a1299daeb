import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { OrganizationProfile, UserProfile } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

const tab = (name: string) => screen.getByRole('tab', { name })

test('the panes are a tab list: arrows, Home and End move focus; Enter opens the pane and focuses its heading', async () => {
  const { container } = renderWithPlinto(<UserProfile />, { client: await signedInAda() })
  const user = userEvent.setup()
  const list = screen.getByRole('tablist', { name: 'Account settings' })
  expect(
    within(list)
      .getAllByRole('tab')
      .map((t) => t.textContent),
  ).toEqual(['Account', 'Security', 'Sessions'])
  expect(tab('Account')).toHaveAttribute('aria-selected', 'true')
  const panel = screen.getByRole('tabpanel', { name: 'Account' })
  expect(tab('Account')).toHaveAttribute('aria-controls', panel.id)
  expect(within(panel).getByRole('region', { name: 'Profile' })).toBeInTheDocument()
  expect(screen.queryByRole('region', { name: 'Active sessions' })).not.toBeInTheDocument()
  // On first render focus stays where it was: a page does not jump into the pane.
  expect(document.body).toHaveFocus()

  // One Tab stop: the selected tab.
  await user.tab()
  expect(tab('Account')).toHaveFocus()
  expect(tab('Security')).toHaveAttribute('tabindex', '-1')
  await user.keyboard('{ArrowDown}')
  expect(tab('Security')).toHaveFocus()
  // Manual activation: moving focus does not switch the pane (switching loads its data).
  expect(tab('Account')).toHaveAttribute('aria-selected', 'true')
  await user.keyboard('{End}')
  expect(tab('Sessions')).toHaveFocus()
  await user.keyboard('{ArrowDown}')
  expect(tab('Account')).toHaveFocus()
  await user.keyboard('{ArrowUp}')
  expect(tab('Sessions')).toHaveFocus()
  await user.keyboard('{Home}')
  expect(tab('Account')).toHaveFocus()
  await user.keyboard('{ArrowRight}{ArrowRight}{Enter}')

  expect(tab('Sessions')).toHaveAttribute('aria-selected', 'true')
  expect(tab('Sessions')).toHaveAttribute('tabindex', '0')
  const heading = screen.getByRole('heading', { level: 2, name: 'Sessions' })
  await waitFor(() => expect(heading).toHaveFocus())
  expect(screen.getByRole('tabpanel', { name: 'Sessions' })).toContainElement(heading)
  expect(await screen.findByRole('region', { name: 'Active sessions' })).toBeInTheDocument()
  expect(screen.queryByRole('region', { name: 'Profile' })).not.toBeInTheDocument()
  await expectNoAxeViolations(container)

  // Space and a click open a pane too, and focus follows into it each time.
  await user.click(tab('Security'))
  await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Security' })).toHaveFocus())
  tab('Account').focus()
  await user.keyboard(' ')
  await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Account' })).toHaveFocus())
})

test('sections map onto panes; a pane without sections is not offered; one pane has no navigation', async () => {
  const client = await signedInAda()
  const { unmount } = renderWithPlinto(<UserProfile sections={['sessions', 'profile']} />, { client })
  expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Account', 'Sessions'])
  unmount()
  renderWithPlinto(<UserProfile sections={['password', 'passkeys']} />, { client })
  expect(screen.queryByRole('tablist')).not.toBeInTheDocument()
  expect(screen.getByRole('region', { name: 'Password' })).toBeInTheDocument()
  expect(screen.getByRole('region', { name: 'Passkeys' })).toBeInTheDocument()
})

test('routing="hash": the pane follows the URL fragment, a switch pushes it, Back returns', async () => {
  window.history.replaceState(null, '', '/account#security')
  renderWithPlinto(<UserProfile routing="hash" />, { client: await signedInAda() })
  await waitFor(() => expect(tab('Security')).toHaveAttribute('aria-selected', 'true'))
  await userEvent.setup().click(tab('Sessions'))
  expect(window.location.hash).toBe('#sessions')
  window.history.back()
  await waitFor(() => expect(window.location.hash).toBe('#security'))
  await waitFor(() => expect(tab('Security')).toHaveAttribute('aria-selected', 'true'))
})

test('a controlled pane: the prop decides, onPaneChange reports', async () => {
  const onPaneChange = vi.fn()
  const client = await signedInAda()
  const { rerender } = renderWithPlinto(<UserProfile pane="sessions" onPaneChange={onPaneChange} />, { client })
  expect(tab('Sessions')).toHaveAttribute('aria-selected', 'true')
  await userEvent.setup().click(tab('Security'))
  expect(onPaneChange).toHaveBeenCalledWith('security')
  expect(tab('Sessions')).toHaveAttribute('aria-selected', 'true')
  rerender(<UserProfile pane="security" onPaneChange={onPaneChange} />)
  expect(tab('Security')).toHaveAttribute('aria-selected', 'true')
})

test('OrganizationProfile: General, Members, Invitations with the same keyboard model', async () => {
  const client = await signedInAda()
  const acme = await client.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
  await client.organizations.setActive(acme.id)
  const { container } = renderWithPlinto(<OrganizationProfile />, { client })
  const user = userEvent.setup()
  const list = await screen.findByRole('tablist', { name: 'Organization settings' })
  expect(
    within(list)
      .getAllByRole('tab')
      .map((t) => t.textContent),
  ).toEqual(['General', 'Members', 'Invitations'])
  tab('General').focus()
  await user.keyboard('{ArrowDown}{Enter}')
  // The pane's heading (the first; the Members section has its own) takes focus.
  const panel = screen.getByRole('tabpanel', { name: 'Members' })
  await waitFor(() => expect(within(panel).getAllByRole('heading', { level: 2, name: 'Members' })[0]).toHaveFocus())
  expect(await screen.findByRole('button', { name: 'Actions for Ada Lovelace' })).toBeDisabled()
  await expectNoAxeViolations(container)
})
