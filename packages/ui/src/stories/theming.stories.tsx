import type { Meta, StoryObj } from '@storybook/react-vite'
import type { CSSProperties, ReactNode } from 'react'
import { SignIn } from '../index'
import { STORY_FONT } from './theme-controls'

// The "Theming" page of the Storybook: what a designer can change and where, next to a live component
// that follows the same controls. The page itself uses the same colors as the canvas (with-plinto.tsx).

const code: CSSProperties = { font: '13px/1.5 ui-monospace, monospace' }

function Paragraph({ children }: { children: ReactNode }) {
  return <p style={{ margin: '0 0 12px', maxWidth: '62ch' }}>{children}</p>
}

function ThemingGuide() {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 40, font: `15px/1.6 ${STORY_FONT}` }}>
      <article style={{ flex: '1 1 360px', minWidth: 0 }}>
        <h1 style={{ fontSize: 24, margin: '0 0 16px' }}>Theming the Plinto components</h1>
        <Paragraph>
          Every component reads its look from CSS variables set by <code style={code}>appearance</code> on{' '}
          <code style={code}>PlintoProvider</code> (or on one component). In this Storybook:
        </Paragraph>
        <ul style={{ margin: '0 0 12px', paddingLeft: 20, maxWidth: '62ch' }}>
          <li>
            <strong>Scheme</strong> in the toolbar switches every story between light and dark (
            <code style={code}>appearance.theme</code>). Stories that set a theme themselves keep it.
          </li>
          <li>
            The <strong>Controls</strong> panel of every story has a “Theme: appearance.variables” group: colors,
            radius, font, font size and spacing. A value set there overrides the story’s own.
          </li>
          <li>
            <strong>Theming/Gallery</strong> shows all components at once: change a control there to see it everywhere.
            The toolbar’s viewport menu has the narrow (360 px) width the visual tests check.
          </li>
        </ul>
        <Paragraph>The same values in an app:</Paragraph>
        <pre style={{ ...code, margin: '0 0 12px', whiteSpace: 'pre-wrap' }}>
          {`<PlintoProvider
  client={plinto}
  appearance={{
    theme: 'auto', // 'light' | 'dark' | 'auto'
    variables: { colorPrimary: '#7c3aed', radius: '12px' },
  }}
>`}
        </pre>
        <Paragraph>
          Every story is screenshotted in both schemes (and the stories tagged “narrow” at 360 px) and compared with the
          committed baselines; see docs/e2e.md for refreshing them after an intended change.
        </Paragraph>
      </article>
      <div style={{ flex: '1 1 360px', minWidth: 0 }}>
        <SignIn redirectUrl="/dashboard" forgotPasswordUrl="/forgot-password" signUpUrl="/sign-up" />
      </div>
    </div>
  )
}

const meta = {
  title: 'Theming/Guide',
  component: ThemingGuide,
} satisfies Meta<typeof ThemingGuide>

export default meta
type Story = StoryObj<typeof meta>

/** How the theming controls and the scheme toggle work, beside a live component. */
export const HowItWorks: Story = {}
