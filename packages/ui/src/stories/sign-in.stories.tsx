import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { SignIn, es } from '../index'
import { EMAIL, PASSWORD, mock, seedAdaWithTotp, wrongTotp, type PlintoStoryParameters } from './plinto-mock'

const seedAda: PlintoStoryParameters = {
  setup: async (plinto) => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada' })
  },
}

const meta = {
  title: 'Components/SignIn',
  tags: ['narrow'], // also checked at 360 px (tests/e2e/src/storybook.test.ts)
  component: SignIn,
  args: {
    redirectUrl: '/dashboard',
    forgotPasswordUrl: '/forgot-password',
    signUpUrl: '/sign-up',
    magicLinkUrl: 'http://localhost:5173/auth/callback',
  },
  parameters: { plinto: seedAda },
} satisfies Meta<typeof SignIn>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = {}

export const Filled: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.type(canvas.getByLabelText('Password'), PASSWORD)
  },
}

/** The request is held by a long `faults.delay`, so the button stays in its progress state. */
export const Loading: Story = {
  parameters: mock({ setup: (plinto) => plinto.faults.delay({ path: '/auth/signin', ms: 600_000 }) }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.type(canvas.getByLabelText('Password'), PASSWORD)
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await canvas.findByRole('button', { name: 'Signing in…' })).toHaveAttribute('aria-busy', 'true')
  },
}

export const MissingFields: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }))
  },
}

export const InvalidCredentials: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.type(canvas.getByLabelText('Password'), 'not my password')
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await canvas.findByText('The email or password is incorrect.')).toBeVisible()
  },
}

export const RateLimited: Story = {
  parameters: mock({
    // The answer comes after 200 ms: the pending button is drawn (and gives up focus) before the refusal every
    // run, so the visual baseline sees one end state.
    setup: (plinto) => {
      plinto.faults.delay({ path: '/auth/signin', ms: 200 })
      plinto.faults.respond({
        path: '/auth/signin',
        status: 429,
        headers: { 'Retry-After': '42' },
        body: { detail: 'Too many requests', error_code: 'RATE_LIMITED', retry_after: 42 },
      })
    },
  }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await context.canvas.findByText(/Try again in 42 seconds/)).toBeVisible()
  },
}

export const NetworkError: Story = {
  // The failure comes after 200 ms, as a dropped connection's does: the pending button is drawn (and gives
  // up focus) before the error every run, so the visual baseline sees one end state.
  parameters: mock({
    setup: (plinto) => {
      plinto.faults.delay({ path: '/auth/signin', ms: 200 })
      plinto.faults.networkError({ path: '/auth/signin' })
    },
  }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await context.canvas.findByText(/could not reach the server/)).toBeVisible()
  },
}

/** Ada has TOTP on (set up through the reference server's MFA endpoints): the sign-in asks for the code. */
let totpSecret = ''
export const MfaStep: Story = {
  parameters: mock({
    setup: async (plinto) => {
      totpSecret = (await seedAdaWithTotp(plinto)).secret
    },
  }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
    const code = await context.canvas.findByLabelText('Verification code')
    await waitFor(() => expect(code).toHaveFocus())
  },
}

export const MfaInvalidCode: Story = {
  parameters: MfaStep.parameters,
  play: async (context) => {
    await MfaStep.play!(context)
    // A code the authenticator does not show now: the server answers INVALID_MFA_CODE.
    await context.userEvent.type(
      context.canvas.getByLabelText('Verification code'),
      await wrongTotp(context.loaded.plinto, totpSecret),
    )
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Verify' }))
    await expect(await context.canvas.findByText(/That code is not valid/)).toBeVisible()
  },
}

export const MfaBackupCode: Story = {
  parameters: MfaStep.parameters,
  play: async (context) => {
    await MfaStep.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Use a backup code instead' }))
  },
}

export const MagicLinkSent: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Email me a sign-in link' }))
    await userEvent.type(canvas.getByLabelText('Email'), EMAIL)
    await userEvent.click(canvas.getByRole('button', { name: 'Send sign-in link' }))
    await expect(await canvas.findByRole('heading', { name: 'Check your email' })).toBeVisible()
  },
}

export const DarkTheme: Story = {
  parameters: { provider: { appearance: { theme: 'dark' } } },
}

export const Spanish: Story = {
  parameters: { provider: { localization: es } },
}

export const CustomTheme: Story = {
  parameters: {
    provider: {
      appearance: {
        theme: 'light',
        variables: {
          colorPrimary: '#0f766e',
          colorText: '#134e4a',
          colorBorder: '#99f6e4',
          radius: '14px',
          fontFamily: 'Georgia, serif',
        },
      },
    },
  },
}

export const Unstyled: Story = {
  args: { unstyled: true },
}

/** The software authenticator of @plinto/testing holds a passkey of Ada: "Sign in with a passkey" signs in. */
export const WithPasskey: Story = {
  parameters: mock({
    webauthn: 'virtual',
    setup: async (plinto, client) => {
      await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada' })
      await client.auth.signIn({ email: EMAIL, password: PASSWORD })
      await client.passkeys.registerPasskey({ name: 'Laptop' })
      await client.auth.signOut()
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Sign in with a passkey' })).toBeVisible()
  },
}

/** No WebAuthn in this browser: no passkey button; password, magic link and OAuth remain. */
export const PasskeyUnavailable: Story = { parameters: mock({ ...seedAda, webauthn: 'unavailable' }) }

/** "Continue with Development": the reference server's dev provider (others appear when configured). */
export const OAuthButtons: Story = {
  args: { magicLinkUrl: undefined },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Continue with Development' })).toBeVisible()
  },
}

/** Ada's second factor is SMS: the step asks before texting a code. */
export const MfaSms: Story = {
  parameters: mock({
    setup: async (plinto) => {
      await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada' })
      const signin = await plinto.app.request('/api/v1/auth/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
      })
      const { tokens } = (await signin.json()) as { tokens: { access_token: string } }
      const post = (path: string, body: unknown) =>
        plinto.app.request(`/api/v1${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
          body: JSON.stringify(body),
        })
      await post('/mfa/sms/enable', { phone: '+14155550123' })
      await post('/mfa/sms/verify', { code: plinto.lastMessage('+14155550123').code })
    },
  }),
  play: async (context) => {
    await Filled.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Sign in' }))
    await expect(await context.canvas.findByRole('button', { name: 'Text me a code' })).toBeVisible()
  },
}

export const MfaSmsCodeSent: Story = {
  parameters: MfaSms.parameters,
  play: async (context) => {
    await MfaSms.play!(context)
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Text me a code' }))
    await expect(await context.canvas.findByLabelText('Code from the text message')).toBeVisible()
  },
}
