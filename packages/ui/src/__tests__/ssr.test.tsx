import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, expect, test, vi } from 'vitest'
import { API_URL } from '@plinto/test-support'
import {
  AuthCallback,
  CreateOrganization,
  ForgotPassword,
  OrganizationProfile,
  OrganizationSwitcher,
  PlintoProvider,
  ResetPassword,
  SignIn,
  SignUp,
  UserButton,
  UserProfile,
  VerifyEmail,
} from '../index'
import { useRenderWithPlinto } from './render-with-plinto'

// Every component, server-rendered and hydrated in a browser whose URL carries a token and whose session
// is being restored: the first client render must equal the server HTML (URL and session are read after
// hydration), so React reports no recoverable error and nothing on the console.
const { makeClient } = useRenderWithPlinto()

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

const page = (
  <>
    <SignIn magicLinkUrl="http://localhost:5173/auth/callback" forgotPasswordUrl="/f" signUpUrl="/s" />
    <SignUp signInUrl="/s" />
    <UserButton />
    <ForgotPassword />
    <ResetPassword />
    <VerifyEmail />
    <AuthCallback />
    <UserProfile />
    <OrganizationSwitcher />
    <CreateOrganization />
    <OrganizationProfile />
  </>
)

test('server HTML hydrates without mismatches or console errors', async () => {
  const html = renderToString(
    <PlintoProvider config={{ apiUrl: API_URL, tokenStorage: { type: 'memory' } }}>{page}</PlintoProvider>,
  )
  expect(html).toContain('Sign in')
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  window.history.replaceState(null, '', '/reset-password') // no token: the client shows "invalid" after hydrating

  const consoleError = vi.spyOn(console, 'error')
  const recoverable = vi.fn()
  await act(async () => {
    hydrateRoot(container, <PlintoProvider client={makeClient()}>{page}</PlintoProvider>, {
      onRecoverableError: recoverable,
    })
  })
  expect(recoverable).not.toHaveBeenCalled()
  expect(consoleError).not.toHaveBeenCalled()
  expect(container.textContent).toContain('This link does not work') // the URL was read after hydration
})
