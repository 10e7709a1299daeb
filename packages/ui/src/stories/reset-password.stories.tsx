import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { ResetPassword } from '../index'
import { EMAIL, PASSWORD, type PlintoStoryParameters } from './plinto-mock'

// A real reset token: the story's setup asks the reference server for a reset email and reads the token
// from the link in its outbox.
let token = ''
const withResetEmail: PlintoStoryParameters = {
  setup: async (plinto) => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    await plinto.app.request('/api/v1/auth/password/forgot', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL }),
    })
    token = new URL(plinto.lastMessage(EMAIL).link!).searchParams.get('token')!
  },
}

const meta = {
  title: 'Components/ResetPassword',
  component: ResetPassword,
  args: { signInUrl: '/sign-in', forgotPasswordUrl: '/forgot-password' },
  parameters: { plinto: withResetEmail },
  render: (args) => <ResetPassword {...args} token={args.token ?? token} />,
} satisfies Meta<typeof ResetPassword>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = {}

export const WeakPassword: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('New password'), 'password123')
    await userEvent.click(canvas.getByRole('button', { name: 'Reset password' }))
    await expect(await canvas.findByText(/too easy to guess/)).toBeVisible()
  },
}

export const Success: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('New password'), 'a brand new passphrase')
    await userEvent.click(canvas.getByRole('button', { name: 'Reset password' }))
    await expect(await canvas.findByRole('heading', { name: 'Password changed' })).toBeVisible()
  },
}

export const ExpiredLink: Story = {
  args: { token: 'expired-or-used-token' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('New password'), 'a brand new passphrase')
    await userEvent.click(canvas.getByRole('button', { name: 'Reset password' }))
    await expect(await canvas.findByRole('heading', { name: 'This link does not work' })).toBeVisible()
  },
}
