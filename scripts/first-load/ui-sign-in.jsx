import { PlintoClient } from '@plinto/typescript-sdk'
import { PlintoProvider, SignIn, SignUp, UserButton } from '@plinto/ui'
import { createRoot } from 'react-dom/client'

const plinto = new PlintoClient({ apiUrl: 'http://localhost:8000' })

createRoot(document.getElementById('root')).render(
  <PlintoProvider client={plinto}>
    <SignIn redirectUrl="/dashboard" />
    <SignUp redirectUrl="/dashboard" />
    <UserButton />
  </PlintoProvider>,
)
