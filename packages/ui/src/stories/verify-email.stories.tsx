import type { Meta, StoryObj } from '@storybook/react-vite'
import { VerifyEmail } from '../index'
import { EMAIL, PASSWORD, mock } from './plinto-mock'

// A real verification token from the reference server's outbox (sign-up sends the email).
let token = ''

const meta = {
  title: 'Components/VerifyEmail',
  component: VerifyEmail,
  args: { redirectUrl: '/dashboard' },
  parameters: mock({
    setup: async (plinto) => {
      await plinto.app.request('/api/v1/auth/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
      })
      token = new URL(plinto.lastMessage(EMAIL).link!).searchParams.get('token')!
    },
  }),
  render: (args) => <VerifyEmail {...args} token={args.token ?? token} />,
} satisfies Meta<typeof VerifyEmail>

export default meta
type Story = StoryObj<typeof meta>

export const Verified: Story = {}

export const Verifying: Story = {
  parameters: mock({
    setup: (plinto) => plinto.faults.delay({ path: '/auth/email/verify', ms: 600_000 }),
  }),
  args: { token: 'held-by-a-delay' },
}

export const ExpiredLink: Story = { args: { token: 'expired-or-used-token' } }

/** Signed in (and not verified yet): the expired link comes with "Send a new link". */
export const ExpiredLinkSignedIn: Story = {
  args: { token: 'expired-or-used-token' },
  parameters: mock({
    setup: async (_plinto, client) => {
      await client.auth.signUp({ email: EMAIL, password: PASSWORD })
    },
  }),
}
