import type { Meta, StoryObj } from '@storybook/react-vite'
import { AuthCallback } from '../index'

const meta = {
  title: 'Components/AuthCallback',
  component: AuthCallback,
  args: { redirectUrl: '/dashboard', signInUrl: '/sign-in' },
} satisfies Meta<typeof AuthCallback>

export default meta
type Story = StoryObj<typeof meta>

/** Opened without `?magic_token=` (or with a used one): the link does not work. */
export const FailedLink: Story = {}
