import type { Preview } from '@storybook/react-vite'
// Relative imports: the stories' dependencies are @plinto/ui's (dev) dependencies, resolved from there.
import '../packages/ui/src/styles.css'
import { plintoLoader, withPlinto } from '../packages/ui/src/stories/with-plinto'

const preview: Preview = {
  loaders: [plintoLoader],
  decorators: [withPlinto],
  parameters: { layout: 'fullscreen', controls: { expanded: true } },
}

export default preview
