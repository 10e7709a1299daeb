import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { ForgotPassword, es } from '../index'
import { EMAIL, mock } from './plinto-mock'

const meta = {
  title: 'Components/ForgotPassword',
  component: ForgotPassword,
  args: { signInUrl: '/sign-in' },
} satisfies Meta<typeof ForgotPassword>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = {}

export const Loading: Story = {
  parameters: mock({ setup: (plinto) => plinto.faults.delay({ path: '/auth/password/forgot', ms: 600_000 }) }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.click(canvas.getByRole('button', { name: 'Send reset link' }))
    await expect(await canvas.findByRole('button', { name: 'Sending…' })).toBeDisabled()
  },
}

export const Sent: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.click(canvas.getByRole('button', { name: 'Send reset link' }))
    await expect(await canvas.findByRole('heading', { name: 'Check your email' })).toBeVisible()
  },
}

export const RateLimited: Story = {
  parameters: mock({
    // The answer comes after 200 ms: the pending button is drawn (and gives up focus) before the refusal every
    // run, so the visual baseline sees one end state.
    setup: (plinto) => {
      plinto.faults.delay({ path: '/auth/password/forgot', ms: 200 })
      plinto.faults.respond({
        path: '/auth/password/forgot',
        status: 429,
        body: { detail: 'slow down', error_code: 'RATE_LIMITED', retry_after: 1800 },
      })
    },
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.click(canvas.getByRole('button', { name: 'Send reset link' }))
    await expect(await canvas.findByText(/Try again in 30 minutes/)).toBeVisible()
  },
}

export const Spanish: Story = { parameters: { provider: { localization: es } } }
