import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
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

/** The Account pane (first): the tab list beside the profile form. */
export const Loaded: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('tab', { name: 'Account', selected: true })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Save profile' })).toBeVisible()
  },
}

/** The Security pane: password, two-step verification off, no passkeys (its empty state). */
export const SecurityPane: Story = {
  args: { defaultPane: 'security' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/You have no passkeys yet/)).toBeVisible()
  },
}

/** The Sessions pane: this device and two others, each with its row menu. */
export const SessionsPane: Story = {
  args: { defaultPane: 'sessions' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/This device/)).toBeVisible()
  },
}

/** Keyboard: Enter on a tab opens its pane and moves focus to the pane's heading. */
export const PaneSwitchedByKeyboard: Story = {
  play: async ({ canvas, userEvent }) => {
    canvas.getByRole('tab', { name: 'Account' }).focus()
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await waitFor(() => expect(canvas.getByRole('heading', { level: 2, name: 'Security' })).toHaveFocus())
  },
}

/** 360 px wide (a phone, or a narrow column): the tab list becomes a scroller above the pane. */
export const Narrow: Story = {
  args: { defaultPane: 'sessions' },
  decorators: [
    (Story) => (
      <div style={{ width: 360 - 64 }}>
        <Story />
      </div>
    ),
  ],
}

/** The Security pane's requests are held (faults.delay): two-step verification and passkeys show skeletons. */
export const Loading: Story = {
  args: { defaultPane: 'security' },
  parameters: mock({
    signedIn: true,
    setup: (plinto) => {
      for (const path of ['/mfa/status', '/passkeys']) plinto.faults.delay({ path, method: 'GET', ms: 600_000 })
    },
  }),
}

/** The sessions list is held: its skeleton. */
export const SessionsLoading: Story = {
  args: { defaultPane: 'sessions' },
  parameters: mock({
    signedIn: true,
    setup: (plinto) => plinto.faults.delay({ path: '/sessions', method: 'GET', ms: 600_000 }),
  }),
}

/** The server lists no session (a state a list must handle even if a signed-in user rarely sees it). */
export const SessionsEmpty: Story = {
  args: { defaultPane: 'sessions' },
  parameters: mock({
    signedIn: true,
    setup: (plinto) =>
      plinto.faults.respond({
        path: '/sessions',
        method: 'GET',
        status: 200,
        body: { sessions: [], total: 0 },
        times: 3,
      }),
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No active sessions.')).toBeVisible()
  },
}

/** The passkey list is held: its skeleton. */
export const PasskeysLoading: Story = {
  args: { sections: ['passkeys'] },
  parameters: mock({
    signedIn: true,
    setup: (plinto) => plinto.faults.delay({ path: '/passkeys', method: 'GET', ms: 600_000 }),
  }),
}

/** The passkey list answers 500 (three times: the SDK retries GETs): the error in words and "Try again". */
export const PasskeysLoadError: Story = {
  args: { sections: ['passkeys'] },
  parameters: mock({
    signedIn: true,
    setup: (plinto) =>
      plinto.faults.respond({
        path: '/passkeys',
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

/** The sessions list answers 500 three times (the SDK retries GETs): the section says so and offers "Try again". */
export const LoadError: Story = {
  args: { defaultPane: 'sessions' },
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
  args: { defaultPane: 'security' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Current password'), 'not my password')
    await userEvent.type(canvas.getByLabelText('New password'), 'a brand new passphrase')
    await userEvent.click(canvas.getByRole('button', { name: 'Change password' }))
    await expect(await canvas.findByText('Your current password is incorrect.')).toBeVisible()
  },
}

/** Step 2 of TOTP set-up: the server's QR code, the key to type instead, the code field. */
export const TotpSetupQrCode: Story = {
  args: { defaultPane: 'security' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Set up an authenticator app' }))
    await expect(await canvas.findByRole('img', { name: /QR code/ })).toBeVisible()
  },
}

/** The first code from the "app" (testing's totp()) turns TOTP on; the ten backup codes are shown once. */
export const TotpBackupCodes: Story = {
  args: { defaultPane: 'security' },
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
  args: { defaultPane: 'security' },
  play: async (context) => {
    await TotpSetupQrCode.play!(context)
    await context.userEvent.type(context.canvas.getByLabelText('Verification code'), '000000')
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Turn on' }))
    await expect(await context.canvas.findByText(/That code is not valid/)).toBeVisible()
  },
}

/** TOTP already on: backup codes left, "Get new backup codes", "Turn off". */
export const MfaEnabled: Story = {
  args: { defaultPane: 'security' },
  parameters: mock({
    signedIn: false,
    setup: (plinto, client) => signedInWithTotp(plinto, client).then(() => undefined),
  }),
}

export const RegenerateBackupCodes: Story = {
  args: { defaultPane: 'security' },
  parameters: MfaEnabled.parameters,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Get new backup codes' }))
  },
}

export const SmsCodeSent: Story = {
  args: { defaultPane: 'security' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByLabelText('Phone number'), '+14155550123')
    await userEvent.click(canvas.getByRole('button', { name: 'Send a code to this number' }))
    await expect(await canvas.findByLabelText('Code from the text message')).toBeVisible()
  },
}

/** The software authenticator of @plinto/testing stands in for the browser's passkey prompt; one passkey exists. */
export const PasskeysAvailable: Story = {
  args: { defaultPane: 'security' },
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
  args: { defaultPane: 'security' },
  parameters: mock({ signedIn: true, webauthn: 'virtual' }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a passkey' }))
    await expect(await canvas.findByText('Your passkey is added.')).toBeVisible()
  },
}

/** No WebAuthn in this browser: the add button is replaced by an explanation. */
export const PasskeysUnavailable: Story = {
  args: { defaultPane: 'security' },
  parameters: mock({ signedIn: true, webauthn: 'unavailable' }),
}

/** Deleting a passkey: the row's menu, then the confirmation dialog (focus on Cancel). */
export const PasskeyDeleteConfirm: Story = {
  args: { sections: ['passkeys'] },
  parameters: PasskeysAvailable.parameters,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Actions for MacBook Touch ID' }))
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Delete' }))
    await expect(
      await canvas.findByRole('alertdialog', { name: 'Delete the passkey “MacBook Touch ID”?' }),
    ).toBeVisible()
  },
}

/** Three sessions of Ada: this one and two others, each with device, place and last activity. */
export const Sessions: Story = {
  args: { sections: ['sessions'] },
}

/** A session's row menu open: "Sign out". */
export const SessionMenu: Story = {
  args: { sections: ['sessions'] },
  play: async ({ canvas, userEvent }) => {
    const [other] = await canvas.findAllByRole('button', { name: /^Actions for (?!.*This device)/ })
    await userEvent.click(other!)
    await expect(canvas.getByRole('menuitem', { name: 'Sign out' })).toBeVisible()
  },
}

/** The confirmation of signing a session out. */
export const SessionRevokeConfirm: Story = {
  args: { sections: ['sessions'] },
  play: async (context) => {
    await SessionMenu.play!(context)
    await context.userEvent.click(context.canvas.getByRole('menuitem', { name: 'Sign out' }))
    await expect(await context.canvas.findByRole('alertdialog')).toBeVisible()
  },
}

export const SessionRevoked: Story = {
  args: { sections: ['sessions'] },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out all other sessions' }))
    const confirm = await canvas.findByRole('alertdialog', { name: 'Sign out all other sessions?' })
    await userEvent.click(within(confirm).getByRole('button', { name: 'Sign out all other sessions' }))
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
