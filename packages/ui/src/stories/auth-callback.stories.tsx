import type { Meta, StoryObj } from '@storybook/react-vite'
import { AuthCallback, es } from '../index'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/AuthCallback',
  component: AuthCallback,
  args: { redirectUrl: '/dashboard', signInUrl: '/sign-in' },
} satisfies Meta<typeof AuthCallback>

export default meta
type Story = StoryObj<typeof meta>

/** Opened without `?magic_token=` (or with a used one): the link does not work. */
export const FailedLink: Story = {}

/**
 * An OAuth return this browser did not start (`?code&state` without a stored transaction): the SDK
 * answers OAUTH_STATE_MISMATCH and the page explains it.
 */
export const OAuthStateMismatch: Story = {
  parameters: mock({
    setup: () => {
      const url = new URL(window.location.href)
      url.searchParams.set('code', 'a-code-from-somewhere')
      url.searchParams.set('state', 'a-state-this-tab-never-issued')
      window.history.replaceState(window.history.state, '', url)
    },
  }),
}

export const OAuthStateMismatchSpanish: Story = {
  ...OAuthStateMismatch,
  parameters: { ...OAuthStateMismatch.parameters, provider: { localization: es } },
}
