import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { PasskeySetup, es } from '../index'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/PasskeySetup',
  component: PasskeySetup,
  args: { afterAddUrl: '/dashboard' },
  parameters: mock({ signedIn: true, webauthn: 'virtual' }),
} satisfies Meta<typeof PasskeySetup>

export default meta
type Story = StoryObj<typeof meta>

/** No passkey yet (the empty state) and "Add a passkey". */
export const Empty: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/You have no passkeys yet/)).toBeVisible()
  },
}

/** One passkey, with its row menu (rename, delete). */
export const WithPasskey: Story = {
  parameters: mock({
    signedIn: true,
    webauthn: 'virtual',
    setup: async (_plinto, client) => {
      await client.passkeys.registerPasskey({ name: 'MacBook Touch ID' })
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('MacBook Touch ID')).toBeVisible()
  },
}

/** The browser prompt (the virtual authenticator) added one. */
export const Added: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a passkey' }))
    await expect(await canvas.findByText('Your passkey is added.')).toBeVisible()
  },
}

/** No WebAuthn here: an explanation instead of the button. */
export const Unavailable: Story = { parameters: mock({ signedIn: true, webauthn: 'unavailable' }) }

/** The list is held: its skeleton. */
export const Loading: Story = {
  parameters: mock({
    signedIn: true,
    webauthn: 'virtual',
    setup: (plinto) => plinto.faults.delay({ path: '/passkeys', method: 'GET', ms: 600_000 }),
  }),
}

/** The list answers 500 (three times: the SDK retries GETs): the error and "Try again". */
export const LoadError: Story = {
  parameters: mock({
    signedIn: true,
    webauthn: 'virtual',
    setup: (plinto) => plinto.faults.respond({ path: '/passkeys', method: 'GET', status: 500, times: 3 }),
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/We could not load this/, undefined, { timeout: 10_000 })).toBeVisible()
  },
}

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } }, play: Empty.play }

export const Spanish: Story = { parameters: { provider: { localization: es } } }
