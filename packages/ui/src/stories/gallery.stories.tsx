import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { expect } from 'storybook/test'
import {
  CreateOrganization,
  ForgotPassword,
  OrganizationProfile,
  OrganizationSwitcher,
  ResetPassword,
  SignIn,
  SignUp,
  UserButton,
  UserProfile,
  VerifyEmail,
} from '../index'
import { acmeWithAdaAs, otherSessions } from './account-fixtures'
import { mock } from './plinto-mock'

// Every component on one page, so a change of the theming controls or of the toolbar's color scheme is
// seen on all of them at once. Ada is signed in, owns Acme Corp (Bob and Carol are members, Dan is
// invited) and has two more sessions; the sign-in side of the family renders its first step regardless.

function Tile({ name, wide, children }: { name: string; wide?: boolean; children: ReactNode }) {
  return (
    <section aria-label={name} style={{ gridColumn: wide ? '1 / -1' : undefined, minWidth: 0 }}>
      <p style={{ margin: '0 0 8px', font: '600 12px/1.4 "Inter Variable", sans-serif', letterSpacing: '0.04em' }}>
        {name}
      </p>
      {children}
    </section>
  )
}

function Gallery() {
  return (
    <div
      style={{
        display: 'grid',
        gap: 32,
        gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 400px), 1fr))',
        alignItems: 'start',
      }}
    >
      <Tile name="UserButton · OrganizationSwitcher" wide>
        <div style={{ display: 'flex', gap: 24, alignItems: 'center' }}>
          <UserButton userProfileUrl="/account" afterSignOutUrl="/" />
          <OrganizationSwitcher createOrganizationUrl="/organizations/new" />
        </div>
      </Tile>
      <Tile name="SignIn">
        <SignIn redirectUrl="/dashboard" forgotPasswordUrl="/forgot-password" signUpUrl="/sign-up" />
      </Tile>
      <Tile name="SignUp">
        <SignUp redirectUrl="/dashboard" signInUrl="/sign-in" />
      </Tile>
      <Tile name="ForgotPassword">
        <ForgotPassword signInUrl="/sign-in" />
      </Tile>
      <Tile name="ResetPassword">
        <ResetPassword token="gallery-reset-token" signInUrl="/sign-in" forgotPasswordUrl="/forgot-password" />
      </Tile>
      <Tile name="VerifyEmail (expired link)">
        <VerifyEmail token="gallery-expired-token" redirectUrl="/dashboard" />
      </Tile>
      <Tile name="CreateOrganization">
        <CreateOrganization redirectUrl="/organization" />
      </Tile>
      {/* The panes with lists open, so rows, avatars and row menus take the theme too (the forms are above). */}
      <Tile name="UserProfile (Sessions pane)" wide>
        <UserProfile defaultPane="sessions" />
      </Tile>
      <Tile name="OrganizationProfile (Members pane)" wide>
        <OrganizationProfile defaultPane="members" />
      </Tile>
    </div>
  )
}

const meta = {
  title: 'Theming/Gallery',
  component: Gallery,
  tags: ['narrow'],
  parameters: mock({
    signedIn: true,
    setup: async (plinto, client) => {
      await acmeWithAdaAs(plinto, client, 'owner')
      await otherSessions(plinto)
    },
  }),
} satisfies Meta<typeof Gallery>

export default meta
type Story = StoryObj<typeof meta>

/** All components, themed by the Controls panel (appearance.variables) and the toolbar's scheme. */
export const AllComponents: Story = {
  play: async ({ canvas }) => {
    // The account screens have loaded their data (the screenshot shows them filled, not loading).
    await expect(await canvas.findByText(/This device/)).toBeVisible()
    await expect(await canvas.findByText('bob@example.com')).toBeVisible()
  },
}
