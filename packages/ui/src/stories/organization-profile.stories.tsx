import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { OrganizationProfile, es } from '../index'
import { acmeWithAdaAs } from './account-fixtures'
import { mock } from './plinto-mock'

const meta = {
  title: 'Components/OrganizationProfile',
  tags: ['narrow'], // also checked at 360 px (tests/e2e/src/storybook.test.ts)
  component: OrganizationProfile,
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'owner') }),
} satisfies Meta<typeof OrganizationProfile>

export default meta
type Story = StoryObj<typeof meta>

/** Ada owns Acme Corp: the General pane, details editable; she cannot leave as its only owner. */
export const AsOwner: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/You are its only owner/)).toBeVisible()
  },
}

/** The Members pane: avatars, names, roles, and a menu per row. */
export const MembersPane: Story = {
  args: { defaultPane: 'members' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Carol Chen')).toBeVisible()
  },
}

/** The Invitations pane: the invite form and one pending invitation. */
export const InvitationsPane: Story = {
  args: { defaultPane: 'invitations' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('dan@example.com')).toBeVisible()
  },
}

/** Ada is an admin: the owner's row menu is disabled, "Make owner" is not offered. */
export const AsAdmin: Story = {
  args: { defaultPane: 'members' },
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'admin') }),
}

/** Ada is a member: details read-only, no member management, no Invitations pane; she can leave. */
export const AsMember: Story = {
  parameters: mock({ signedIn: true, setup: (plinto, client) => acmeWithAdaAs(plinto, client, 'member') }),
}

/** A member's row menu: other roles, then "Remove" last. */
export const MemberMenu: Story = {
  args: { defaultPane: 'members' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Actions for Carol Chen' }))
    await expect(canvas.getByRole('menuitem', { name: 'Remove' })).toBeVisible()
  },
}

/** Removing a member asks first (an alert dialog, focus on Cancel). */
export const RemoveMemberConfirm: Story = {
  args: { defaultPane: 'members' },
  play: async (context) => {
    await MemberMenu.play!(context)
    await context.userEvent.click(context.canvas.getByRole('menuitem', { name: 'Remove' }))
    await expect(await context.canvas.findByRole('alertdialog', { name: 'Remove Carol Chen?' })).toBeVisible()
  },
}

/** The member list is held: its skeleton. */
export const MembersLoading: Story = {
  args: { defaultPane: 'members' },
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.delay({ path: /\/members$/, method: 'GET', ms: 600_000 })
    },
  }),
}

/** The member list answers 500 (three times: the SDK retries GETs): the error and "Try again". */
export const MembersLoadError: Story = {
  args: { defaultPane: 'members' },
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.respond({ path: /\/members$/, method: 'GET', status: 500, times: 3 })
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/We could not load this/, undefined, { timeout: 10_000 })).toBeVisible()
  },
}

/** The server lists no member (the list's empty state). */
export const MembersEmpty: Story = {
  args: { defaultPane: 'members' },
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.respond({
        path: /\/members$/,
        method: 'GET',
        status: 200,
        body: { members: [], total: 0 },
        times: 3,
      })
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No members yet.')).toBeVisible()
  },
}

/** The invitation list is held: its skeleton under the form. */
export const InvitationsLoading: Story = {
  args: { defaultPane: 'invitations' },
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.delay({ path: /\/invitations$/, method: 'GET', ms: 600_000 })
    },
  }),
}

/** The invitation list answers 500: the error and "Try again". */
export const InvitationsLoadError: Story = {
  args: { defaultPane: 'invitations' },
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.respond({ path: /\/invitations$/, method: 'GET', status: 500, times: 3 })
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/We could not load this/, undefined, { timeout: 10_000 })).toBeVisible()
  },
}

/** No pending invitation: the empty state. */
export const InvitationsEmpty: Story = {
  args: { defaultPane: 'invitations' },
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      const [invitation] = (await client.organizations.listInvitations(client.getSnapshot().organizationId!))
        .invitations
      if (invitation) await client.organizations.revokeInvitation(client.getSnapshot().organizationId!, invitation.id)
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No pending invitations.')).toBeVisible()
  },
}

/** 360 px wide: the tabs scroll above the pane; rows keep the name and the menu button. */
export const Narrow: Story = {
  args: { defaultPane: 'members' },
  decorators: [
    (Story) => (
      <div style={{ width: 360 - 64 }}>
        <Story />
      </div>
    ),
  ],
}

export const Invited: Story = {
  args: { defaultPane: 'invitations' },
  play: async ({ canvas, userEvent }) => {
    const email = await canvas.findByLabelText('Email')
    await userEvent.type(email, 'erin@example.com')
    await userEvent.click(canvas.getByRole('button', { name: 'Send invitation' }))
    await expect(await canvas.findByText('We sent an invitation to erin@example.com.')).toBeVisible()
  },
}

/** The server refuses a role change anyway (stale page): its answer is shown. */
export const RoleChangeRefused: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.respond({
        path: /\/members\/.*\/role$/,
        status: 403,
        body: { detail: 'Forbidden', error_code: 'FORBIDDEN' },
      })
    },
  }),
  args: { defaultPane: 'members' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Actions for Carol Chen' }))
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Make admin' }))
    const confirm = await canvas.findByRole('alertdialog')
    await userEvent.click(within(confirm).getByRole('button', { name: 'Change role' }))
    await expect(await canvas.findByText('Your role does not allow this.')).toBeVisible()
  },
}

export const Loading: Story = {
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      plinto.faults.delay({ path: /^\/organizations\/[^/]+$/, method: 'GET', ms: 600_000 })
    },
  }),
}

export const NoActiveOrganization: Story = { parameters: mock({ signedIn: true, setup: () => undefined }) }

export const DarkTheme: Story = { parameters: { provider: { appearance: { theme: 'dark' } } } }

export const Spanish: Story = { parameters: { provider: { localization: es } } }

export const CustomTheme: Story = {
  parameters: {
    provider: { appearance: { theme: 'light', variables: { colorPrimary: '#be123c', fontFamily: 'Georgia, serif' } } },
  },
}
