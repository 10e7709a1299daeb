import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { CreateOrganization, OrganizationProfile, OrganizationSwitcher, UserButton, UserProfile } from '../index'
import { useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

async function adaInAcme() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  const acme = await client.organizations.createOrganization({ name: 'Acme', slug: 'acme' })
  await client.organizations.setActive(acme.id)
  return client
}

const libraryClasses = (root: Element) =>
  [...root.querySelectorAll('[class]')]
    .flatMap((element) => [...element.classList])
    .filter((name) => name.startsWith('plinto-'))

test('unstyled drops every library class of the account and organization components; element classes stay', async () => {
  const client = await adaInAcme()
  const { container } = renderWithPlinto(
    <>
      <UserProfile appearance={{ elements: { section: 'my-section', badge: 'my-badge' } }} />
      <OrganizationSwitcher
        onCreateOrganization={() => {}}
        appearance={{ elements: { organizationSwitcherTrigger: 'my-trigger' } }}
      />
      <CreateOrganization />
      <OrganizationProfile appearance={{ elements: { select: 'my-select' } }} />
    </>,
    { client, unstyled: true },
  )
  const user = userEvent.setup()
  // Panes render one at a time: every pane of both profiles is opened and checked, and the new parts (row
  // menu, confirmation dialog, skeleton) too.
  let sections = container.querySelectorAll('.my-section').length // the Account pane
  expect(libraryClasses(container)).toEqual([])
  await user.click(screen.getByRole('tab', { name: 'Security' }))
  await screen.findByRole('button', { name: 'Set up an authenticator app' })
  expect(libraryClasses(container)).toEqual([])
  sections += container.querySelectorAll('.my-section').length
  await user.click(screen.getByRole('tab', { name: 'Sessions' }))
  expect(libraryClasses(container)).toEqual([]) // the skeleton while loading
  await screen.findAllByText(/This device/)
  sections += container.querySelectorAll('.my-section').length
  await user.click(screen.getByRole('button', { name: /^Actions for .*This device/ }))
  await user.click(screen.getByRole('menuitem', { name: 'Sign out' }))
  await screen.findByRole('alertdialog')
  expect(libraryClasses(container)).toEqual([])
  await user.keyboard('{Escape}')
  await user.click(screen.getByRole('tab', { name: 'Invitations' }))
  await waitFor(() => expect(container.querySelectorAll('.my-select').length).toBeGreaterThan(0))
  await user.click(screen.getByRole('tab', { name: 'Members' }))
  await screen.findByRole('button', { name: 'Actions for Ada Lovelace' })
  await user.click(screen.getByRole('button', { name: /Switch organization/ }))
  await screen.findByRole('menuitemradio', { name: /Acme/ })
  expect(libraryClasses(container)).toEqual([])
  expect(sections).toBeGreaterThanOrEqual(5)
  expect(container.querySelector('.my-trigger')).not.toBeNull()
})

test('appearance: theme and variables on the roots of the new components', async () => {
  const client = await adaInAcme()
  const { container } = renderWithPlinto(
    <>
      <UserProfile />
      <OrganizationProfile />
      <OrganizationSwitcher />
    </>,
    { client, appearance: { theme: 'dark', variables: { colorPrimary: '#0f766e' } } },
  )
  const roots = [...container.children]
  expect(roots).toHaveLength(3)
  for (const root of roots) {
    expect(root).toHaveAttribute('data-plinto-theme', 'dark')
    expect((root as HTMLElement).style.getPropertyValue('--plinto-color-primary')).toBe('#0f766e')
    expect(root).toHaveClass('plinto-root')
  }
})

test('the menus of UserButton and OrganizationSwitcher share the popover element; each keeps its own', async () => {
  const client = await adaInAcme()
  renderWithPlinto(
    <>
      <UserButton />
      <OrganizationSwitcher />
    </>,
    {
      client,
      appearance: {
        elements: {
          popover: 'my-popover',
          userButtonPopover: 'my-user-menu',
          organizationSwitcherPopover: 'my-org-menu',
        },
      },
    },
  )
  const user = userEvent.setup()
  await user.click(await screen.findByRole('button', { name: /^Account menu for/ }))
  expect(screen.getByRole('menu').parentElement).toHaveAttribute(
    'class',
    'plinto-popover my-popover plinto-user-button-popover my-user-menu',
  )
  await user.keyboard('{Escape}')
  await user.click(screen.getByRole('button', { name: /Switch organization/ }))
  await screen.findByRole('menuitemradio', { name: /Acme/ })
  expect(screen.getByRole('menu').parentElement).toHaveAttribute(
    'class',
    'plinto-popover my-popover plinto-organization-switcher-popover my-org-menu',
  )
})
