import { generateKeyPairSync } from 'node:crypto'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { SignIn, es } from '../index'
import { useRenderWithPlinto } from './render-with-plinto'

// The reference server with Sign in with Apple configured (a key made here; no request reaches Apple in this file).
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const { plinto, renderWithPlinto } = useRenderWithPlinto({
  config: {
    allowedRedirectUrls: [`${window.location.origin}/auth/callback`],
    oauth: {
      apple: {
        clientId: 'com.example.web',
        teamId: 'TEAM123456',
        keyId: 'KEY7654321',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    },
  },
})

test('"Continue with Apple" (Apple\'s own wording) leads to Apple\'s authorization page with a form-post return', async () => {
  const assign = vi.fn()
  vi.stubGlobal('location', { ...window.location, origin: window.location.origin, href: window.location.href, assign })
  try {
    renderWithPlinto(<SignIn />)
    const button = await screen.findByRole('button', { name: 'Continue with Apple' })
    expect(button).toHaveAttribute('data-provider', 'apple')
    await userEvent.setup().click(button)
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1))
    const url = new URL(assign.mock.calls[0]![0] as string)
    expect(`${url.origin}${url.pathname}`).toBe('https://appleid.apple.com/auth/authorize')
    expect(url.searchParams.get('response_mode')).toBe('form_post')
    expect(plinto.countRequests('POST', '/oauth/apple/authorize')).toBe(1)
  } finally {
    vi.unstubAllGlobals()
  }
})

test('in Spanish: "Continuar con Apple"', async () => {
  renderWithPlinto(<SignIn localization={es} />)
  expect(await screen.findByRole('button', { name: 'Continuar con Apple' })).toBeInTheDocument()
})
