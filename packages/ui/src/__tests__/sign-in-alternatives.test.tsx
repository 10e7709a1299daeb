import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { SignIn, es } from '../index'
import { expectNoAxeViolations, realAuthResponse, useRenderWithPlinto } from './render-with-plinto'
import { installWebAuthn, uninstallWebAuthn } from './webauthn'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
const PHONE = '+14155550123'

afterEach(uninstallWebAuthn)

describe('passkey', () => {
  test('"Sign in with a passkey" signs in through the browser prompt and navigates', async () => {
    installWebAuthn()
    await seedAda(plinto)
    const owner = makeClient()
    await owner.auth.signIn({ email: EMAIL, password: PASSWORD })
    await owner.passkeys.registerPasskey({ name: 'Laptop' })

    const { client, navigate, container } = renderWithPlinto(<SignIn redirectUrl="/dashboard" />)
    const button = await screen.findByRole('button', { name: 'Sign in with a passkey' })
    await expectNoAxeViolations(container)
    await userEvent.setup().click(button)
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
    expect(client.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(plinto.countRequests('POST', '/passkeys/authenticate/verify')).toBe(1)
  })

  test('a dismissed prompt is explained in words; the button stays', async () => {
    installWebAuthn({ cancel: true })
    renderWithPlinto(<SignIn />)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Sign in with a passkey' }))
    expect(await screen.findByText('The passkey prompt was closed. Try again when you are ready.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Sign in with a passkey' })).toBeEnabled()
  })

  test('without WebAuthn there is no passkey button; passkey={false} hides it too', async () => {
    renderWithPlinto(<SignIn />)
    await screen.findByRole('button', { name: 'Continue with Development' })
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).not.toBeInTheDocument()
  })
})

describe('OAuth buttons', () => {
  test('one button per provider of getOAuthProviders(); initiateOAuth gets {origin}/auth/callback by default', async () => {
    const client = makeClient()
    const initiate = vi.spyOn(client.auth, 'initiateOAuth').mockResolvedValue({ url: 'http://localhost:8000/consent' })
    const { container } = renderWithPlinto(<SignIn />, { client })
    const button = await screen.findByRole('button', { name: 'Continue with Development' })
    await expectNoAxeViolations(container)
    await userEvent.setup().click(button)
    expect(initiate).toHaveBeenCalledWith('dev', { redirectUri: `${window.location.origin}/auth/callback` })
    expect(await screen.findByRole('button', { name: 'Redirecting to Development…' })).toBeDisabled()
  })

  test('oauthRedirectUrl is passed on; a refusal is shown in words', async () => {
    const client = makeClient()
    const initiate = vi.spyOn(client.auth, 'initiateOAuth')
    renderWithPlinto(<SignIn oauthRedirectUrl="http://evil.example/callback" />, { client })
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Continue with Development' }))
    expect(initiate).toHaveBeenCalledWith('dev', { redirectUri: 'http://evil.example/callback' })
    // The server refuses a redirect URI that is not on its allow-list.
    expect(await screen.findByText('The sign-in with the provider did not complete. Try again.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Continue with Development' })).toBeEnabled()
  })

  test('oauth={false}: no providers request, no buttons', async () => {
    renderWithPlinto(<SignIn oauth={false} />)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(plinto.countRequests('GET', '/oauth/providers')).toBe(0)
    expect(screen.queryByRole('button', { name: /Continue with/ })).not.toBeInTheDocument()
  })
})

describe('SMS in the MFA step', () => {
  /** Ada with SMS as her (only) second factor, set up through the reference server's own endpoints. */
  async function adaWithSms() {
    await seedAda(plinto)
    const { tokens } = await realAuthResponse(plinto)
    const post = (path: string, body: unknown) =>
      plinto.app.request(`/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
        body: JSON.stringify(body),
      })
    expect((await post('/mfa/sms/enable', { phone: PHONE })).ok).toBe(true)
    expect((await post('/mfa/sms/verify', { code: plinto.lastMessage(PHONE).code })).ok).toBe(true)
  }

  test('asks before texting; the code from the outbox finishes the sign-in', async () => {
    await adaWithSms()
    const { client, navigate, container } = renderWithPlinto(<SignIn redirectUrl="/dashboard" />)
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Email'), EMAIL)
    await user.type(screen.getByLabelText('Password'), PASSWORD)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument()
    expect(screen.getByText('Enter the code we texted to your phone.')).toBeInTheDocument()
    const send = screen.getByRole('button', { name: 'Text me a code' })
    await waitFor(() => expect(send).toHaveFocus())
    const sentBefore = plinto.outbox(PHONE).length
    await expectNoAxeViolations(container)

    await user.click(send)
    const code = await screen.findByLabelText('Code from the text message')
    await waitFor(() => expect(code).toHaveFocus())
    expect(screen.getByRole('status')).toHaveTextContent('We sent you a text message with a code.')
    expect(plinto.outbox(PHONE)).toHaveLength(sentBefore + 1)
    await expectNoAxeViolations(container)

    await user.type(code, plinto.lastMessage(PHONE).code!)
    await user.click(screen.getByRole('button', { name: 'Verify' }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/dashboard'))
    expect(client.getSnapshot().status).toBe('signed_in')
  })

  test('a backup code is offered next to SMS', async () => {
    await adaWithSms()
    renderWithPlinto(<SignIn />)
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Email'), EMAIL)
    await user.type(screen.getByLabelText('Password'), PASSWORD)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await user.click(await screen.findByRole('button', { name: 'Use a backup code instead' }))
    await waitFor(() => expect(screen.getByLabelText('Backup code')).toHaveFocus())
    await user.click(screen.getByRole('button', { name: 'Text me a code instead' }))
    expect(await screen.findByRole('button', { name: 'Text me a code' })).toBeInTheDocument()
  })
})

test('Spanish: passkey, provider buttons and the SMS step', async () => {
  installWebAuthn()
  renderWithPlinto(<SignIn />, { localization: es })
  expect(await screen.findByRole('button', { name: 'Continuar con Development' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Iniciar sesión con una llave de acceso' })).toBeInTheDocument()
})
