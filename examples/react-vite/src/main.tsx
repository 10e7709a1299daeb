import '@plinto/ui/styles.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { PlintoProvider } from '@plinto/ui'
import { RouterProvider } from 'react-router/dom'
import { plinto } from './plinto'
import { router } from './routes'

// The components change page through the router after a sign-in, a sign-out, a created organization…
const navigate = (to: string) => void router.navigate(to)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <PlintoProvider client={plinto} navigate={navigate}>
      <RouterProvider router={router} />
    </PlintoProvider>
  </StrictMode>,
)
