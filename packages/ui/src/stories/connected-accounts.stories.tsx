import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import type { PlintoClient } from '@plinto/typescript-sdk'
import type { PlintoHandlers } from '@plinto/testing'
import { CONNECTED_ACCOUNTS_SECTION, UserProfile } from '../index'
import { mock } from './plinto-mock'

/** On the reference server's default allow-list (`{appUrl}/auth/callback`). */
const REDIRECT_URI = 'http://localhost:5173/auth/callback'

/**
 * The browser's part of a dev-provider round trip, played on the mock server directly: approve on the consent
 * page as `email`, follow the server's callback, and return the app's redirect URL (code and state).
 */
async function devReturn(plinto: PlintoHandlers, authorizationUrl: string, email: string, name: [string, string]) {
  const consent = new URL(authorizationUrl)
  const approved = await plinto.app.request(consent.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      state: consent.searchParams.get('state') ?? '',
      decision: 'approve',
      email,
      first_name: name[0],
      last_name: name[1],
    }).toString(),
  })
  const callback = new URL(approved.headers.get('location') ?? '')
  const back = await plinto.app.request(callback.pathname + callback.search)
  return back.headers.get('location') ?? ''
}

/** Links a dev identity to the signed-in account, as an earlier visit to this page would have. */
async function linkDev(plinto: PlintoHandlers, client: PlintoClient, email: string, name: [string, string]) {
  const { url } = await client.auth.linkOAuthProvider('dev', { redirectUri: REDIRECT_URI, navigate: false })
  await client.auth.handleOAuthLinkCallback(await devReturn(plinto, url, email, name))
}

/** Signs the story's client in as someone who signed up with the dev provider only (no password, no passkey). */
async function oauthOnly(plinto: PlintoHandlers, client: PlintoClient) {
  const { url } = await client.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
  await client.auth.handleOAuthCallback(await devReturn(plinto, url, 'grace@example.com', ['Grace', 'Hopper']))
}

/** The address <AuthCallback> returns to after a link: the outcome in `plinto_link`. */
const returnedWith = (outcome: string) => {
  const url = new URL(window.location.href)
  url.searchParams.set('plinto_link', outcome)
  window.history.replaceState(window.history.state, '', url)
}

const meta = {
  title: 'Components/UserProfile/Connected accounts',
  component: UserProfile,
  args: { sections: [CONNECTED_ACCOUNTS_SECTION] },
  parameters: mock({
    signedIn: true,
    setup: (plinto, client) => linkDev(plinto, client, 'ada.work@example.com', ['Ada', 'Lovelace']),
  }),
} satisfies Meta<typeof UserProfile>

export default meta
type Story = StoryObj<typeof meta>

/** A password and one connected identity; "Connect Development" for the providers the server offers. */
export const OneIdentity: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/ada\.work@example\.com/)).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Connect Development' })).toBeVisible()
  },
}

/** Several identities (here two accounts at the dev provider), each with its own row menu ("Disconnect"). */
export const SeveralIdentities: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await linkDev(plinto, client, 'ada.work@example.com', ['Ada', 'Lovelace'])
      await linkDev(plinto, client, 'ada.home@example.com', ['Ada', 'King'])
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findAllByRole('button', { name: /^Actions for Development/ })).toHaveLength(2)
  },
}

/** Someone who signed up with a provider only: disconnecting it would leave no way in, and the server refuses. */
export const UnlinkRefusedLastMethod: Story = {
  parameters: mock({ signedIn: false, setup: oauthOnly }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /^Actions for Development/ }))
    await userEvent.click(await canvas.findByRole('menuitem', { name: 'Disconnect' }))
    const confirm = await canvas.findByRole('alertdialog', { name: 'Disconnect Development?' })
    await userEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }))
    await expect(await canvas.findByText(/This is your only way to sign in/)).toBeVisible()
  },
}

/** "Disconnect" in the row's menu asks first: the confirmation dialog, open. */
export const ConfirmDisconnect: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /^Actions for Development/ }))
    await userEvent.click(await canvas.findByRole('menuitem', { name: 'Disconnect' }))
    await expect(await canvas.findByRole('alertdialog', { name: 'Disconnect Development?' })).toBeVisible()
  },
}

/** No provider connected yet: the empty state and the "Connect …" buttons. */
export const NoIdentity: Story = {
  // Story parameters merge into the meta's: a setup of its own replaces the meta's link (an absent one would not).
  parameters: mock({ signedIn: true, setup: async () => {} }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No provider is connected.')).toBeVisible()
  },
}

/** Back from a link whose provider account belongs to another user (IDENTITY_ALREADY_LINKED): nothing changed. */
export const LinkErrorAlreadyLinked: Story = {
  parameters: mock({ signedIn: true, setup: () => returnedWith('IDENTITY_ALREADY_LINKED') }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/already connected to another user/)).toBeVisible()
  },
}

/** Back from a link that worked. */
export const Linked: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await linkDev(plinto, client, 'ada.work@example.com', ['Ada', 'Lovelace'])
      returnedWith('linked')
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('The account is connected.')).toBeVisible()
  },
}

/** The sign-in methods request is held (faults.delay): the section shows its list skeleton. */
export const Loading: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) => plinto.faults.delay({ path: '/users/me/identities', method: 'GET', ms: 600_000 }),
  }),
}

/** The sign-in methods answer 500 three times (the SDK retries GETs): the section says so and offers "Try again". */
export const LoadError: Story = {
  parameters: mock({
    signedIn: true,
    setup: (plinto) =>
      plinto.faults.respond({
        path: '/users/me/identities',
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
