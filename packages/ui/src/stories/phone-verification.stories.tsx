import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { PHONE_SECTION, PhoneVerification, UserProfile, es } from '../index'
import { mock } from './plinto-mock'

// Every state of <PhoneVerification/> against the reference server (MSW): the codes are the ones it texted to
// its dev outbox, so "Verified" is reached by typing the real code, "Wrong code" by typing another one.
const PHONE = '+14155550123'

const meta = {
  title: 'Components/PhoneVerification',
  component: PhoneVerification,
  parameters: mock({ signedIn: true }),
} satisfies Meta<typeof PhoneVerification>

export default meta
type Story = StoryObj<typeof meta>

/** The first step: the number, with the E.164 hint. */
export const EnterNumber: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByLabelText('Phone number')).toBeVisible()
  },
}

/** A malformed number is refused before anything is sent. */
export const InvalidNumber: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByLabelText('Phone number'), '555 0123')
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    await expect(await canvas.findByText(/country code, like/)).toBeVisible()
  },
}

/** The code step: where the code went, the code field, and the resend button counting down. */
export const CodeSent: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByLabelText('Phone number'), PHONE)
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    await expect(await canvas.findByLabelText('Code from the text message')).toBeVisible()
    await expect(canvas.getByRole('button', { name: /Send a new code in \d+ s/ })).toBeDisabled()
  },
}

/** A code that is not the texted one: the message at the field. */
export const WrongCode: Story = {
  play: async (context) => {
    await CodeSent.play!(context)
    const { canvas, userEvent, loaded } = context
    const texted = loaded.plinto.lastMessage(PHONE).code as string
    const wrong = String((Number(texted) + 1) % 1_000_000).padStart(6, '0')
    await userEvent.type(canvas.getByLabelText('Code from the text message'), wrong)
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }))
    await expect(await canvas.findByText(/That code is not right/)).toBeVisible()
  },
}

/** The texted code typed in: the number is verified. */
export const Verified: Story = {
  play: async (context) => {
    await CodeSent.play!(context)
    const { canvas, userEvent, loaded } = context
    await userEvent.type(
      canvas.getByLabelText('Code from the text message'),
      loaded.plinto.lastMessage(PHONE).code as string,
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }))
    await expect(await canvas.findByText(`${PHONE} is verified.`)).toBeVisible()
  },
}

/** Another code was requested moments ago (another tab): the server's cooldown, in words. */
export const RateLimited: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (_plinto, client) => {
      await client.auth.startPhoneVerification(PHONE)
    },
  }),
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByText(`${PHONE} is not verified yet.`)).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }))
    await expect(await canvas.findByText(/Too many attempts. Try again in/)).toBeVisible()
  },
}

/** The code has expired (server time moved 10 minutes on). */
export const CodeExpired: Story = {
  play: async (context) => {
    await CodeSent.play!(context)
    const { canvas, userEvent, loaded } = context
    const texted = loaded.plinto.lastMessage(PHONE).code as string
    loaded.plinto.clock.advance(10 * 60_000)
    await userEvent.type(canvas.getByLabelText('Code from the text message'), texted)
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }))
    await expect(await canvas.findByText(/This code has expired/)).toBeVisible()
  },
}

export const Spanish: Story = { parameters: { provider: { localization: es } } }

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } } }

/** The same steps as a section of UserProfile (`sections={[PHONE_SECTION]}`), here with a verified number. */
export const InUserProfile: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await client.auth.startPhoneVerification(PHONE)
      await client.auth.verifyPhone(plinto.lastMessage(PHONE).code as string)
    },
  }),
  render: () => <UserProfile sections={['profile', PHONE_SECTION]} />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(`${PHONE} is verified.`)).toBeVisible()
  },
}
