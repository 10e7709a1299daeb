import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { OrganizationProfile, es } from '../index'
import { acmeWithAdaAs } from './account-fixtures'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/OrganizationProfile',
  tags: ['narrow'], // also checked at 360 px (tests/e2e/src/storybook.test.ts)
  component: OrganizationProfile,
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'owner') }),
} satisfies Meta<typeof OrganizationProfile>

export default meta
type Story = StoryObj<typeof meta>

/** Ada owns Acme Corp: details editable, every member manageable, invitations with one pending. */
export const AsOwner: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('dan@example.com')).toBeVisible()
  },
}

/** Ada is an admin: the owner's row is disabled, "Owner" is not offered. */
export const AsAdmin: Story = {
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'admin') }),
}

/** Ada is a member: details read-only, no member management, no invitations; she can leave. */
export const AsMember: Story = {
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'member') }),
}

export const Invited: Story = {
  play: async ({ canvas, userEvent }) => {
    const email = await canvas.findByLabelText('Email')
    await userEvent.type(email, 'erin@example.com')
    await userEvent.click(canvas.getByRole('button', { name: 'Send invitation' }))
    await expect(await canvas.findByText('We sent an invitation to erin@example.com.')).toBeVisible()
  },
}

/** The server refuses a role change anyway (stale page): its answer is shown. */
export const RoleChangeRefused: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.respond({
        path: /\/members\/.*\/role$/,
        status: 403,
        body: { detail: 'Forbidden', error_code: 'FORBIDDEN' },
      })
    },
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.selectOptions(await canvas.findByRole('combobox', { name: 'Role of Carol Chen' }), 'admin')
    await expect(await canvas.findByText('Your role does not allow this.')).toBeVisible()
  },
}

export const Loading: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.delay({ path: /^\/organizations\/[^/]+$/, method: 'GET', ms: 600_000 })
    },
  }),
}

export const NoActiveOrganization: Story = { parameters: mock({ signedIn: true, setup: () => undefined }) }

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } } }

export const Spanish: Story = { parameters: { provider: { localization: es } } }

export const CustomTheme: Story = {
  parameters: {
    provider: { appearance: { theme: 'light', variables: { colorPrimary: '#be123c', fontFamily: 'Georgia, serif' } } },
  },
}
