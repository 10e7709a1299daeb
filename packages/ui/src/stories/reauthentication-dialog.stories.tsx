import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import type { PlintoHandlers } from '@plinto/testing'
import { UserProfile, es } from '../index'
import { otherSessions, signedInWithTotp } from './account-fixtures'
import { mock, PASSWORD } from './plinto-mock'

// The dialog the UI's PlintoProvider opens when the server refuses a sensitive action with REAUTH_REQUIRED. Each
// story moves the reference server's clock 11 minutes past Ada's sign-in, then (in `play`) asks UserProfile to sign
// out her other sessions: the dialog opens with the methods her account has.

const ELEVEN_MINUTES = 11 * 60_000
const stale = (plinto: PlintoHandlers) => plinto.clock.advance(ELEVEN_MINUTES)

const meta = {
  title: 'Components/ReauthenticationDialog',
  render: () => <UserProfile sections={['sessions']} />,
  parameters: mock({
    signedIn: true,
    setup: async (plinto) => {
      await otherSessions(plinto)
      stale(plinto)
    },
  }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/**
 * Opens the dialog: signs out all other sessions (after UserProfile's own confirmation), which the server refuses
 * until Ada confirms it is her.
 */
async function openDialog(canvasElement: HTMLElement, userEvent: { click(element: Element): Promise<void> }) {
  const canvas = within(canvasElement)
  const revokeAll = /Sign out all other sessions|Cerrar todas las demás sesiones/
  await userEvent.click(await canvas.findByRole('button', { name: revokeAll }))
  const confirmation = await canvas.findByRole('alertdialog')
  await userEvent.click(within(confirmation).getByRole('button', { name: revokeAll }))
  return canvas.findByRole('dialog')
}

/** A password account: the password field. */
export const Password: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openDialog(canvasElement, userEvent)
    await expect(within(dialog).getByLabelText('Password')).toBeVisible()
  },
}

/** The wrong password is said at the field; the dialog stays open. */
export const WrongPassword: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openDialog(canvasElement, userEvent)
    await userEvent.type(within(dialog).getByLabelText('Password'), 'not my password')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    await expect(await within(dialog).findByText('That password is not correct.')).toBeVisible()
  },
}

/** TOTP on: the authenticator app's code (a backup code and the password are one click away). */
export const Totp: Story = {
  parameters: mock({
    // Not the meta's plain sign-in (parameters merge): Ada is seeded with TOTP and signs in through the MFA step.
    signedIn: false,
    setup: async (plinto, client) => {
      await signedInWithTotp(plinto, client)
      await otherSessions(plinto)
      stale(plinto)
    },
  }),
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openDialog(canvasElement, userEvent)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Use your authenticator app' }))
    await expect(within(dialog).getByLabelText('Verification code')).toBeVisible()
  },
}

/** A passkey on the account (the virtual authenticator): offered first. */
export const Passkey: Story = {
  parameters: mock({
    signedIn: true,
    webauthn: 'virtual',
    setup: async (plinto, client) => {
      await client.passkeys.registerPasskey({ name: 'Laptop' })
      await otherSessions(plinto)
      stale(plinto)
    },
  }),
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openDialog(canvasElement, userEvent)
    await expect(within(dialog).getByRole('button', { name: 'Use a passkey' })).toBeVisible()
  },
}

/** Cancelled: the dialog closes and the action says it was not done. */
export const Cancelled: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openDialog(canvasElement, userEvent)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await expect(await within(canvasElement).findByText('Not done: you did not confirm it’s you.')).toBeVisible()
  },
}

/** Confirmed: the password, then the refused action completes by itself. */
export const Confirmed: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openDialog(canvasElement, userEvent)
    await userEvent.type(within(dialog).getByLabelText('Password'), PASSWORD)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    await expect(await within(canvasElement).findByText('2 other sessions were signed out.')).toBeVisible()
  },
}

/** In Spanish. */
export const Spanish: Story = {
  parameters: { provider: { localization: es } },
  play: async ({ canvasElement, userEvent }) => {
    const dialog = await openDialog(canvasElement, userEvent)
    await expect(within(dialog).getByText('Confirma que eres tú')).toBeVisible()
  },
}
