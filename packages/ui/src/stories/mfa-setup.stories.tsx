import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { totp } from '@plinto/testing'
import { MfaSetup, es } from '../index'
import { signedInWithTotp } from './account-fixtures'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/MfaSetup',
  component: MfaSetup,
  args: { afterSetupUrl: '/dashboard' },
  parameters: mock({ signedIn: true }),
} satisfies Meta<typeof MfaSetup>

export default meta
type Story = StoryObj<typeof meta>

/** Two-step verification off: the authenticator app and text messages offered. */
export const Off: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Set up an authenticator app' })).toBeVisible()
  },
}

/** Only the authenticator app (`methods={['totp']}`). */
export const AuthenticatorAppOnly: Story = { args: { methods: ['totp'] }, play: Off.play }

/** The status request is held: a skeleton. */
export const Loading: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) => plinto.faults.delay({ path: '/mfa/status', method: 'GET', ms: 600_000 }),
  }),
}

/** The status answers 500 (three times: the SDK retries GETs): the error and "Try again". */
export const LoadError: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) => plinto.faults.respond({ path: '/mfa/status', method: 'GET', status: 500, times: 3 }),
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/We could not load this/, undefined, { timeout: 10_000 })).toBeVisible()
  },
}

/** Step 2: the server's QR code, the key to type instead, the first code. */
export const QrCode: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Set up an authenticator app' }))
    await expect(await canvas.findByRole('img', { name: /QR code/ })).toBeVisible()
  },
}

/** A code from the "app" turns it on; the backup codes are shown once (then `afterSetupUrl`). */
export const BackupCodes: Story = {
  play: async (context) => {
    await QrCode.play!(context)
    const { canvas, canvasElement, userEvent, loaded } = context
    const secret = canvasElement.querySelector('code')!.textContent!
    await userEvent.type(canvas.getByLabelText('Verification code'), await totp(secret, loaded.plinto.clock.now()))
    await userEvent.click(canvas.getByRole('button', { name: 'Turn on' }))
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Backup codes' })).toHaveFocus())
  },
}

/** Text messages: the code was sent to the number. */
export const SmsCodeSent: Story = {
  args: { methods: ['sms'] },
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByLabelText('Phone number'), '+14155550123')
    await userEvent.click(canvas.getByRole('button', { name: 'Send a code to this number' }))
    await expect(await canvas.findByLabelText('Code from the text message')).toBeVisible()
  },
}

/** Already on: backup codes left, new backup codes, turning it off. */
export const On: Story = {
  parameters: mock({
    signedIn: false,
    setup: (plinto, client) => signedInWithTotp(plinto, client).then(() => undefined),
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Get new backup codes' })).toBeVisible()
  },
}

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } }, play: Off.play }

export const Spanish: Story = { parameters: { provider: { localization: es } } }

/** Renders nothing when signed out. */
export const SignedOut: Story = { parameters: mock({ signedIn: false }) }
