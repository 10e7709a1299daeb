import type { Preview } from '@storybook/react-vite'
// Relative imports: the stories' dependencies are @plinto/ui's (dev) dependencies, resolved from there.
// Inter, bundled (variable weights), is the font of every story: screenshots never depend on system fonts.
import '../packages/ui/node_modules/@fontsource-variable/inter/index.css'
import '../packages/ui/src/styles.css'
import { COLOR_SCHEMES, themeArgTypes } from '../packages/ui/src/stories/theme-controls'
import { plintoLoader, withPlinto } from '../packages/ui/src/stories/with-plinto'

const preview: Preview = {
  loaders: [plintoLoader],
  decorators: [withPlinto],
  // The theming controls (appearance.variables) on every story; with-plinto.tsx applies them.
  argTypes: themeArgTypes,
  // The color scheme toggle in the toolbar, for every story (`?globals=scheme:dark` in a URL).
  globalTypes: {
    scheme: {
      description: 'Color scheme (appearance.theme) of every component',
      toolbar: { title: 'Scheme', icon: 'mirror', items: [...COLOR_SCHEMES], dynamicTitle: true },
    },
  },
  initialGlobals: { scheme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // The narrow width the stories tagged `narrow` are checked at (tests/e2e/src/storybook.test.ts).
    viewport: {
      options: {
        narrow: { name: 'Narrow (360 px)', styles: { width: '360px', height: '800px' }, type: 'mobile' },
        desktop: { name: 'Desktop (1100 px)', styles: { width: '1100px', height: '900px' }, type: 'desktop' },
      },
    },
  },
}

export default preview
