import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { CreateOrganization, es } from '../index'
import { BOB } from './account-fixtures'
import { mock, PASSWORD } from './plinto-mock'

const meta = {
  title: 'Components/CreateOrganization',
  tags: ['narrow'], // also checked at 360 px (tests/e2e/src/storybook.test.ts)
  component: CreateOrganization,
  args: { redirectUrl: '/organization' },
  parameters: mock({ signedIn: true }),
} satisfies Meta<typeof CreateOrganization>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = {}

/** The slug follows the name until it is edited. */
export const SuggestedSlug: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Organization name'), 'Acme Café & Co.')
    await expect(canvas.getByLabelText('URL slug')).toHaveValue('acme-cafe-co')
  },
}

export const MissingName: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Create organization' }))
  },
}

/** Bob's organization already uses the slug `acme`: SLUG_TAKEN lands at the slug field. */
export const SlugTaken: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto) => {
      await plinto.seedUser({ email: BOB, password: PASSWORD })
      await plinto.seedOrganization({ name: 'Acme', slug: 'acme', owner: BOB })
    },
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Organization name'), 'Acme')
    await userEvent.click(canvas.getByRole('button', { name: 'Create organization' }))
    await expect(await canvas.findByText(/This slug is already used/)).toBeVisible()
  },
}

export const Creating: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) => plinto.faults.delay({ path: '/organizations', method: 'POST', ms: 600_000 }),
  }),
  play: async (context) => {
    await SuggestedSlug.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Create organization' }))
  },
}

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } } }

export const Spanish: Story = { parameters: { provider: { localization: es } } }

export const CustomTheme: Story = {
  parameters: { provider: { appearance: { theme: 'light', variables: { colorPrimary: '#7c3aed', radius: '16px' } } } },
}
