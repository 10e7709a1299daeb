import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import type { PlintoHandlers } from '@plinto/testing'
import { SignIn, SignUp, es } from '../index'
import { EMAIL, PASSWORD, mock, seedAdaWithTotp, type PlintoStoryParameters } from './plinto-mock'

// The emailed one-time code of SignIn ("Email me a code") and of SignUp's verification notice, each state
// reached through the reference server (the code is read from its outbox, as a person reads the email).

const seedAda: PlintoStoryParameters = {
  setup: async (plinto) => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada' })
  },
}

const meta = {
  title: 'Components/SignIn/Email code',
  component: SignIn,
  args: { redirectUrl: '/dashboard', signUpUrl: '/sign-up', emailCode: true },
  parameters: { plinto: seedAda },
} satisfies Meta<typeof SignIn>

export default meta
type Story = StoryObj<typeof meta>

const lastCode = (plinto: PlintoHandlers) => plinto.lastMessage(EMAIL).code ?? ''
const wrongCode = (plinto: PlintoHandlers) => String((Number(lastCode(plinto)) + 1) % 1_000_000).padStart(6, '0')

/** The password form with "Email me a code" under it. */
export const Offered: Story = {}

/** The address step after "Email me a code". */
export const EnterEmail: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Email me a code' }))
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
  },
}

/** Code sent: the code field has focus; "Send a new code" counts down (the resend cooldown). */
export const CodeSent: Story = {
  play: async (context) => {
    await EnterEmail.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Send code' }))
    const field = await context.canvas.findByLabelText('Code from the email')
    await waitFor(() => expect(field).toHaveFocus())
    await expect(context.canvas.getByRole('button', { name: /^Send a new code in \d+ s$/ })).toBeDisabled()
  },
}

export const WrongCode: Story = {
  play: async (context) => {
    await CodeSent.play!(context)
    await context.userEvent.type(context.canvas.getByLabelText('Code from the email'), wrongCode(context.loaded.plinto))
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await context.canvas.findByText(/That code is not right/)).toBeVisible()
  },
}

/** The server's clock moves past the code's 10 minutes before it is typed. */
export const Expired: Story = {
  play: async (context) => {
    await CodeSent.play!(context)
    const code = lastCode(context.loaded.plinto)
    context.loaded.plinto.clock.advance(10 * 60_000)
    await context.userEvent.type(context.canvas.getByLabelText('Code from the email'), code)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await context.canvas.findByText(/This code has expired/)).toBeVisible()
  },
}

/** Five wrong codes: the fifth ends the code. */
export const TooManyAttempts: Story = {
  play: async (context) => {
    await CodeSent.play!(context)
    const field = context.canvas.getByLabelText('Code from the email')
    for (let attempt = 0; attempt < 5; attempt++) {
      await context.userEvent.clear(field)
      await context.userEvent.type(field, wrongCode(context.loaded.plinto))
      await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
      await waitFor(() =>
        expect(context.loaded.plinto.countRequests('POST', '/auth/email-code/verify')).toBe(attempt + 1),
      )
    }
    await expect(await context.canvas.findByText('Too many wrong codes. Send a new code.')).toBeVisible()
  },
}

/** Ada has TOTP on: the code is the first factor, the authenticator code the second. */
export const ContinuesIntoMfa: Story = {
  parameters: mock({ setup: async (plinto) => void (await seedAdaWithTotp(plinto)) }),
  play: async (context) => {
    await CodeSent.play!(context)
    await context.userEvent.type(context.canvas.getByLabelText('Code from the email'), lastCode(context.loaded.plinto))
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await context.canvas.findByRole('heading', { name: 'Two-step verification' })).toBeVisible()
  },
}

/** The server does not offer codes (its `emailCodes` option is off): the send is refused in words. */
export const Disabled: Story = {
  parameters: mock({
    setup: (plinto) =>
      plinto.faults.respond({
        path: '/auth/email-code/send',
        status: 403,
        body: { detail: 'This server does not offer email codes', error_code: 'EMAIL_CODES_DISABLED' },
      }),
  }),
  play: async (context) => {
    await EnterEmail.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Send code' }))
    await expect(await context.canvas.findByText(/not available here/)).toBeVisible()
  },
}

export const Spanish: Story = {
  parameters: { provider: { localization: es } },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Envíame un código por correo' }))
    await userEvent.type(canvas.getByLabelText('Correo electrónico'), EMAIL)
    await userEvent.click(canvas.getByRole('button', { name: 'Enviar código' }))
    await canvas.findByLabelText('Código del correo')
  },
}

/**
 * SignUp's verification notice with "Enter a code instead", then the code step. A new address: the file's
 * parameters seed Ada (story parameters merge with them).
 */
export const SignUpVerifyWithCode: StoryObj<typeof SignUp> = {
  render: () => <SignUp emailCode nameFields={false} />,
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), 'grace@example.com')
    await userEvent.type(canvas.getByLabelText('Password'), PASSWORD)
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
    await userEvent.click(await canvas.findByRole('button', { name: 'Enter a code instead' }))
    await canvas.findByLabelText('Code from the email')
  },
}
