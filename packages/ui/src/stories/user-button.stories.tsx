import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UserButton, es } from '../index'
import { acmeWithAdaAs } from './account-fixtures'
import { EMAIL, mock } from './plinto-mock'

const meta = {
  title: 'Components/UserButton',
  component: UserButton,
  args: { userProfileUrl: '/account', afterSignOutUrl: '/' },
  parameters: mock({ signedIn: true }),
  decorators: [
    (Story) => (
      <div style={{ display: 'flex', justifyContent: 'flex-end', maxWidth: 480 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof UserButton>

export default meta
type Story = StoryObj<typeof meta>

export const SignedIn: Story = {}

export const WithName: Story = { args: { showName: true } }

export const MenuOpen: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: /Account menu for Ada Lovelace/ }))
    await expect(canvas.getByRole('menuitem', { name: 'Manage account' })).toHaveFocus()
    await expect(canvas.getByText(EMAIL)).toBeVisible()
  },
}

/** Renders nothing: the button exists only for a signed-in user. */
export const SignedOut: Story = { parameters: mock({ signedIn: false }) }

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } }, play: MenuOpen.play }

export const Spanish: Story = {
  parameters: { provider: { localization: es } },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: /Menú de la cuenta/ }))
  },
}

export const CustomTheme: Story = {
  parameters: { provider: { appearance: { variables: { colorPrimary: '#ea580c', colorPrimaryText: '#111827' } } } },
  play: MenuOpen.play,
}

/** Ada belongs to Acme Corp (active) and Beta Labs: the menu lists them to switch. */
export const WithOrganizations: Story = {
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'admin') }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: /Account menu for Ada Lovelace/ }))
    await expect(await canvas.findByRole('menuitemradio', { name: 'Acme Corp' })).toHaveAttribute(
      'aria-checked',
      'true',
    )
  },
}

/** "Manage account" as a button calling `onManageAccount` (e.g. to open <UserProfile /> in a dialog). */
export const ManageAccountHandler: Story = {
  args: { userProfileUrl: undefined, onManageAccount: () => console.info('[story] open the account dialog') },
  play: MenuOpen.play,
}

/** The default without `userProfileUrl`: "Manage account" opens UserProfile in a modal dialog (loaded then). */
export const ManageAccountDialog: Story = {
  args: { userProfileUrl: undefined },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: /Account menu for Ada Lovelace/ }))
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Manage account' }))
    await expect(await canvas.findByRole('dialog', { name: 'Your account' })).toBeVisible()
  },
}
