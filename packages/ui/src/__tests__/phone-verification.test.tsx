// <PhoneVerification/> and UserProfile's phone section against the reference server behind MSW: the number is
// checked before sending, the texted code (from the dev outbox) verifies it, the resend waits out its cooldown,
// and the server's refusals are explained in words at the right place.
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { EMAIL, PASSWORD, seedAda } from '@plinto/test-support'
import { PHONE_SECTION, PhoneVerification, UserProfile, es } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()
const PHONE = '+14155550123'

async function signedInAda() {
  await seedAda(plinto)
  const client = makeClient()
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

async function sendCode(user: ReturnType<typeof userEvent.setup>, scope = screen) {
  const phone = await scope.findByLabelText('Phone number')
  await user.clear(phone)
  await user.type(phone, '+1 (415) 555-0123')
  await user.click(scope.getByRole('button', { name: 'Send code' }))
  return scope.findByLabelText('Code from the text message')
}

test('renders nothing when signed out', async () => {
  const { container } = renderWithPlinto(<PhoneVerification />)
  await waitFor(() => expect(plinto.requests).toBeDefined())
  expect(container).toBeEmptyDOMElement()
})

test('enter number → code step → verified: onVerified runs and the snapshot user is verified', async () => {
  const client = await signedInAda()
  const onVerified = vi.fn()
  const { container } = renderWithPlinto(<PhoneVerification onVerified={onVerified} />, { client })
  const user = userEvent.setup()
  expect(await screen.findByRole('heading', { name: 'Verify your phone number' })).toBeInTheDocument()

  // Checked before sending.
  const phone = screen.getByLabelText('Phone number')
  await user.type(phone, '555 0123')
  await user.click(screen.getByRole('button', { name: 'Send code' }))
  await waitFor(() => expect(phone).toHaveAccessibleDescription(expect.stringContaining('country code')))
  expect(plinto.countRequests('POST', '/users/me/phone')).toBe(0)

  const code = await sendCode(user)
  await waitFor(() => expect(code).toHaveFocus())
  expect(code).toHaveAccessibleDescription(`We texted a 6-digit code to ${PHONE}. It expires in 10 minutes.`)
  expect(screen.getByRole('button', { name: /Send a new code in \d+ s/ })).toBeDisabled()
  await expectNoAxeViolations(container)

  await user.type(code, plinto.lastMessage(PHONE).code!)
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  expect(await screen.findByText(`${PHONE} is verified.`)).toBeInTheDocument()
  expect(screen.getByRole('status')).toHaveTextContent('Your phone number is verified.')
  expect(onVerified).toHaveBeenCalledWith(expect.objectContaining({ phone_number: PHONE, phone_verified: true }))
  expect(client.getSnapshot().user).toMatchObject({ phone_number: PHONE, phone_verified: true })
  await expectNoAxeViolations(container)
})

test('a wrong code is shown at the field; five of them say to send a new code', async () => {
  const client = await signedInAda()
  renderWithPlinto(<PhoneVerification />, { client })
  const user = userEvent.setup()
  const code = await sendCode(user)
  const right = plinto.lastMessage(PHONE).code!
  await user.type(code, wrong(right))
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  await waitFor(() => expect(code).toHaveAccessibleDescription(expect.stringContaining('That code is not right.')))
  for (let i = 0; i < 4; i++) {
    await user.clear(code)
    await user.type(code, wrong(right))
    await user.click(screen.getByRole('button', { name: 'Verify' }))
    await waitFor(() => expect(plinto.countRequests('POST', '/users/me/phone/verify')).toBe(i + 2))
  }
  await user.clear(code)
  await user.type(code, right)
  await user.click(screen.getByRole('button', { name: 'Verify' }))
  // The alert is always in the DOM (a live region): wait for its text.
  await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Too many wrong codes. Send a new code.'))
  expect(client.getSnapshot().user?.phone_verified).toBe(false)
})

test('an expired code says so; resend is enabled after the cooldown and sends a new code', async () => {
  // Only Date is faked (and frozen): the countdown reads exactly, and moving it moves the browser and the server
  // together; the component's one-second timer stays real.
  vi.useFakeTimers({ toFake: ['Date'] })
  try {
    const client = await signedInAda()
    renderWithPlinto(<PhoneVerification />, { client })
    const user = userEvent.setup()
    const code = await sendCode(user)
    const first = plinto.lastMessage(PHONE).code!
    expect(screen.getByRole('button', { name: 'Send a new code in 30 s' })).toBeDisabled()

    plinto.clock.advance(10 * 60_000)
    await user.type(code, first)
    await user.click(screen.getByRole('button', { name: 'Verify' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This code has expired or was replaced.'))

    vi.setSystemTime(Date.now() + 31_000)
    const ready = await screen.findByRole('button', { name: 'Send a new code' }, { timeout: 3000 })
    expect(ready).toBeEnabled()
    await user.click(ready)
    await waitFor(() => expect(plinto.outbox(PHONE)).toHaveLength(2))
    expect(screen.getByRole('status')).toHaveTextContent('A new code is on its way.')
    expect(screen.getByRole('button', { name: 'Send a new code in 30 s' })).toBeDisabled()
    await user.clear(code)
    await user.type(code, plinto.lastMessage(PHONE).code!)
    await user.click(screen.getByRole('button', { name: 'Verify' }))
    expect(await screen.findByText(`${PHONE} is verified.`)).toBeInTheDocument()
  } finally {
    vi.useRealTimers()
  }
})

test('too many codes requested: the rate limit is explained with the wait', async () => {
  const client = await signedInAda()
  // Another tab of the same account asked for a code a moment ago: the cooldown is the server's.
  await client.auth.startPhoneVerification(PHONE)
  renderWithPlinto(<PhoneVerification />, { client })
  const user = userEvent.setup()
  // The unverified number is shown and prefilled.
  expect(await screen.findByText(`${PHONE} is not verified yet.`)).toBeInTheDocument()
  expect(screen.getByLabelText('Phone number')).toHaveValue(PHONE)
  await user.click(screen.getByRole('button', { name: 'Send code' }))
  // The alert is always in the DOM (a live region): wait for its text.
  await waitFor(() =>
    expect(screen.getByRole('alert')).toHaveTextContent(/Too many attempts. Try again in (29|30) seconds./),
  )
  expect(screen.queryByLabelText('Code from the text message')).not.toBeInTheDocument()
})

test('UserProfile phone section: badge, change number (un-verifies), remove', async () => {
  const client = await signedInAda()
  await client.auth.startPhoneVerification(PHONE)
  await client.auth.verifyPhone(plinto.lastMessage(PHONE).code!)
  plinto.clock.advance(31_000)
  const { container } = renderWithPlinto(<UserProfile sections={[PHONE_SECTION]} />, { client })
  const user = userEvent.setup()
  const region = await screen.findByRole('region', { name: /Phone number/ })
  expect(within(region).getByText('Verified')).toBeInTheDocument()
  expect(within(region).getByText(`${PHONE} is verified.`)).toBeInTheDocument()
  await expectNoAxeViolations(container)

  await user.click(within(region).getByRole('button', { name: 'Change number' }))
  const phone = within(region).getByLabelText('Phone number')
  await waitFor(() => expect(phone).toHaveFocus())
  // The verified number again is refused here, without a request.
  await user.type(phone, PHONE)
  await user.click(within(region).getByRole('button', { name: 'Send code' }))
  await waitFor(() => expect(phone).toHaveAccessibleDescription(expect.stringContaining('already verified')))
  expect(plinto.countRequests('POST', '/users/me/phone')).toBe(1)
  await user.clear(phone)
  await user.type(phone, '+442071838750')
  await user.click(within(region).getByRole('button', { name: 'Send code' }))
  await within(region).findByLabelText('Code from the text message')
  expect(within(region).getByText('Not verified')).toBeInTheDocument()
  expect(client.getSnapshot().user).toMatchObject({ phone_number: '+442071838750', phone_verified: false })

  await user.click(within(region).getByRole('button', { name: 'Use another number' }))
  await user.click(within(region).getByRole('button', { name: 'Remove number' }))
  await waitFor(() => expect(client.getSnapshot().user?.phone_number).toBeNull())
  expect(within(region).getByRole('status')).toHaveTextContent('Your phone number was removed.')
  expect(within(region).queryByText('Not verified')).not.toBeInTheDocument()
})

test('Spanish text with localization={es}', async () => {
  const client = await signedInAda()
  renderWithPlinto(<PhoneVerification localization={es} />, { client })
  expect(await screen.findByRole('heading', { name: 'Verifica tu número de teléfono' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Enviar código' })).toBeInTheDocument()
})
