import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { OrganizationSwitcher, es } from '../index'
import { acmeWithAdaAs } from './account-fixtures'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/OrganizationSwitcher',
  component: OrganizationSwitcher,
  args: { createOrganizationUrl: '/organizations/new' },
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'admin') }),
} satisfies Meta<typeof OrganizationSwitcher>

export default meta
type Story = StoryObj<typeof meta>

/** Acme Corp is active; Ada also owns Beta Labs. */
export const Closed: Story = {}

export const Open: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /Switch organization/ }))
    await expect(await canvas.findByRole('menuitemradio', { name: /Acme Corp/ })).toHaveAttribute(
      'aria-checked',
      'true',
    )
  },
}

/** No organization yet: only "Personal account" and "Create organization". */
export const NoOrganizations: Story = {
  parameters: mock({ signedIn: true, setup: () => undefined }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /Switch organization/ }))
  },
}

/** The list request is held: the open menu says it is loading. */
export const Loading: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) => plinto.faults.delay({ path: '/organizations', method: 'GET', ms: 600_000, times: Infinity }),
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /Switch organization/ }))
  },
}

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } }, play: Open.play }

export const Spanish: Story = {
  parameters: { provider: { localization: es } },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /Cambiar de organización/ }))
  },
}

export const CustomTheme: Story = {
  parameters: { provider: { appearance: { variables: { colorPrimary: '#ea580c', radius: '2px' } } } },
  play: Open.play,
}

/** "Manage organization" opens OrganizationProfile in a modal dialog (loaded then). */
export const ManageOrganizationDialog: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /Switch organization/ }))
    await userEvent.click(await canvas.findByRole('menuitem', { name: 'Manage organization' }))
    await expect(await canvas.findByRole('dialog', { name: 'Acme Corp' })).toBeVisible()
  },
}
