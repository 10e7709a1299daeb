import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { DELETE_ACCOUNT_SECTION, UserProfile } from '../index'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/UserProfile/Delete account',
  component: UserProfile,
  args: { sections: [DELETE_ACCOUNT_SECTION] },
  parameters: mock({ signedIn: true }),
} satisfies Meta<typeof UserProfile>

export default meta
type Story = StoryObj<typeof meta>

/** The danger zone at rest: what deleting means and the danger button. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Delete account' })).toBeVisible()
  },
}

/** The confirmation of an account with a password: the password field, focused. */
export const WithPassword: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete account' }))
    const dialog = await canvas.findByRole('alertdialog', { name: 'Delete your account?' })
    await expect(await within(dialog).findByLabelText('Password')).toBeVisible()
  },
}

/** A wrong password: refused by the server (INVALID_CREDENTIALS) and said at the field; nothing is deleted. */
export const RefusedWrongPassword: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete account' }))
    const dialog = await canvas.findByRole('alertdialog', { name: 'Delete your account?' })
    await userEvent.type(await within(dialog).findByLabelText('Password'), 'not the password')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete account' }))
    await expect(await within(dialog).findByText('That password is not correct.')).toBeVisible()
  },
}
