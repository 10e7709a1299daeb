import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { SignUp, es } from '../index'
import { EMAIL, PASSWORD, mock } from './plinto-mock'

const meta = {
  title: 'Components/SignUp',
  tags: ['narrow'], // also checked at 360 px (tests/e2e/src/storybook.test.ts)
  component: SignUp,
  args: { redirectUrl: '/dashboard', signInUrl: '/sign-in' },
} satisfies Meta<typeof SignUp>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = {}

export const Filled: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('First name (optional)'), 'Ada')
    await userEvent.type(canvas.getByLabelText('Last name (optional)'), 'Lovelace')
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.type(canvas.getByLabelText('Password'), PASSWORD)
  },
}

export const Loading: Story = {
  parameters: mock({ setup: (plinto) => plinto.faults.delay({ path: '/auth/signup', ms: 600_000 }) }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Create account' }))
    await expect(await context.canvas.findByRole('button', { name: 'Creating account…' })).toBeDisabled()
  },
}

export const PasswordTooShort: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.type(canvas.getByLabelText('Password'), 'short')
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
  },
}

/** The reference server refuses a common password with WEAK_PASSWORD; it is shown at the field. */
export const WeakPassword: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.type(canvas.getByLabelText('Password'), 'password123')
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
    await expect(await canvas.findByText(/too easy to guess/)).toBeVisible()
  },
}

export const EmailTaken: Story = {
  parameters: mock({
    setup: async (plinto) => {
      await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    },
  }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Create account' }))
    await expect(await context.canvas.findByText(/already exists/)).toBeVisible()
  },
}

export const RateLimited: Story = {
  parameters: mock({
    // The answer comes after 200 ms: the pending button is drawn (and gives up focus) before the refusal every
    // run, so the visual baseline sees one end state.
    setup: (plinto) => {
      plinto.faults.delay({ path: '/auth/signup', ms: 200 })
      plinto.faults.respond({
        path: '/auth/signup',
        status: 429,
        headers: { 'Retry-After': '90' },
        body: { detail: 'slow down', error_code: 'RATE_LIMITED', retry_after: 90 },
      })
    },
  }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Create account' }))
    await expect(await context.canvas.findByText(/Try again in 2 minutes/)).toBeVisible()
  },
}

export const NetworkError: Story = {
  // The failure comes after 200 ms, as a dropped connection's does: the pending button is drawn (and gives
  // up focus) before the error every run, so the visual baseline sees one end state.
  parameters: mock({
    setup: (plinto) => {
      plinto.faults.delay({ path: '/auth/signup', ms: 200 })
      plinto.faults.networkError({ path: '/auth/signup' })
    },
  }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Create account' }))
    await expect(await context.canvas.findByText(/could not reach the server/)).toBeVisible()
  },
}

export const VerificationNotice: Story = {
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Create account' }))
    await expect(await context.canvas.findByRole('heading', { name: 'Verify your email' })).toBeVisible()
  },
}

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } } }

export const Spanish: Story = { parameters: { provider: { localization: es } } }

export const CustomTheme: Story = {
  parameters: {
    provider: {
      appearance: {
        theme: 'light',
        variables: { colorPrimary: '#be185d', radius: '0px', fontFamily: '"Courier New", monospace' },
      },
    },
  },
}
