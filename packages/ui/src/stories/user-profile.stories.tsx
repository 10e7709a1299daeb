import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { totp } from '@plinto/testing'
import { UserProfile, es } from '../index'
import { otherSessions, signedInWithTotp } from './account-fixtures'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/UserProfile',
  tags: ['narrow'], // also checked at 360 px (tests/e2e/src/storybook.test.ts)
  component: UserProfile,
  parameters: mock({ signedIn: true, setup: (plinto) => otherSessions(plinto) }),
} satisfies Meta<typeof UserProfile>

export default meta
type Story = StoryObj<typeof meta>

/** Every section loaded: profile, password, two-step verification off, no passkeys, three sessions. */
export const Loaded: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/This device/)).toBeVisible()
  },
}

/** The section requests are held (faults.delay): each section shows its loading line. */
export const Loading: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) => {
      for (const path of ['/sessions', '/mfa/status', '/passkeys'])
        plinto.faults.delay({ path, method: 'GET', ms: 600_000 })
    },
  }),
}

/** The sessions list answers 500 three times (the SDK retries GETs): the section says so and offers "Try again". */
export const LoadError: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) =>
      plinto.faults.respond({
        path: '/sessions',
        method: 'GET',
        status: 500,
        body: { detail: 'boom', error_code: 'INTERNAL_ERROR' },
        times: 3,
      }),
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/We could not load this/, undefined, { timeout: 10_000 })).toBeVisible()
  },
}

export const ProfileSaved: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Username (optional)'), 'ada.l')
    await userEvent.click(canvas.getByRole('button', { name: 'Save profile' }))
    await expect(await canvas.findByText('Your profile is saved.')).toBeVisible()
  },
}

export const PasswordWrong: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Current password'), 'not my password')
    await userEvent.type(canvas.getByLabelText('New password'), 'a brand new passphrase')
    await userEvent.click(canvas.getByRole('button', { name: 'Change password' }))
    await expect(await canvas.findByText('Your current password is incorrect.')).toBeVisible()
  },
}

/** Step 2 of TOTP set-up: the server's QR code, the key to type instead, the code field. */
export const TotpSetupQrCode: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Set up an authenticator app' }))
    await expect(await canvas.findByRole('img', { name: /QR code/ })).toBeVisible()
  },
}

/** The first code from the "app" (testing's totp()) turns TOTP on; the ten backup codes are shown once. */
export const TotpBackupCodes: Story = {
  play: async (context) => {
    await TotpSetupQrCode.play!(context)
    const { canvas, canvasElement, userEvent, loaded } = context
    const secret = canvasElement.querySelector('code')!.textContent!
    await userEvent.type(canvas.getByLabelText('Verification code'), await totp(secret, loaded.plinto.clock.now()))
    await userEvent.click(canvas.getByRole('button', { name: 'Turn on' }))
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Backup codes' })).toHaveFocus())
  },
}

export const TotpInvalidCode: Story = {
  play: async (context) => {
    await TotpSetupQrCode.play!(context)
    await context.userEvent.type(context.canvas.getByLabelText('Verification code'), '000000')
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Turn on' }))
    await expect(await context.canvas.findByText(/That code is not valid/)).toBeVisible()
  },
}

/** TOTP already on: backup codes left, "Get new backup codes", "Turn off". */
export const MfaEnabled: Story = {
  parameters: mock({
    signedIn: false,
    setup: (plinto, client) => signedInWithTotp(plinto, client).then(() => undefined),
  }),
}

export const RegenerateBackupCodes: Story = {
  parameters: MfaEnabled.parameters,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Get new backup codes' }))
  },
}

export const SmsCodeSent: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByLabelText('Phone number'), '+14155550123')
    await userEvent.click(canvas.getByRole('button', { name: 'Send a code to this number' }))
    await expect(await canvas.findByLabelText('Code from the text message')).toBeVisible()
  },
}

/** The software authenticator of @plinto/testing stands in for the browser's passkey prompt; one passkey exists. */
export const PasskeysAvailable: Story = {
  parameters: mock({
    signedIn: true,
    webauthn: 'virtual',
    setup: async (_plinto, client) => {
      await client.passkeys.registerPasskey({ name: 'MacBook Touch ID' })
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('MacBook Touch ID')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Add a passkey' })).toBeVisible()
  },
}

export const PasskeyAdded: Story = {
  parameters: mock({ signedIn: true, webauthn: 'virtual' }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a passkey' }))
    await expect(await canvas.findByText('Your passkey is added.')).toBeVisible()
  },
}

/** No WebAuthn in this browser: the add button is replaced by an explanation. */
export const PasskeysUnavailable: Story = {
  parameters: mock({ signedIn: true, webauthn: 'unavailable' }),
}

/** Three sessions of Ada: this one and two others, each with device, place and last activity. */
export const Sessions: Story = {
  args: { sections: ['sessions'] },
}

export const SessionRevoked: Story = {
  args: { sections: ['sessions'] },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out all other sessions' }))
    await expect(await canvas.findByText('2 other sessions were signed out.')).toBeVisible()
  },
}

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } } }

export const Spanish: Story = { parameters: { provider: { localization: es } } }

export const CustomTheme: Story = {
  parameters: {
    provider: {
      appearance: {
        theme: 'light',
        variables: { colorPrimary: '#0f766e', colorBorder: '#99f6e4', radius: '14px', fontFamily: 'Georgia, serif' },
      },
    },
  },
}

/** Renders nothing: the account page exists only for a signed-in user. */
export const SignedOut: Story = { parameters: mock({ signedIn: false }) }
