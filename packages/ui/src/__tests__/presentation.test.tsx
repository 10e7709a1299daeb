import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test } from 'vitest'
import { EMAIL, PASSWORD } from '@plinto/test-support'
import { SignIn, SignUp, UserButton, en, es, type PlintoLocalization } from '../index'
import { expectNoAxeViolations, useRenderWithPlinto } from './render-with-plinto'

const { plinto, makeClient, renderWithPlinto } = useRenderWithPlinto()

describe('appearance', () => {
  test('variables become inline custom properties on the root; theme is an attribute', () => {
    const { container } = renderWithPlinto(
      <SignIn appearance={{ theme: 'dark', variables: { colorPrimary: '#0f766e', radius: '12px' } }} />,
    )
    const root = container.firstElementChild as HTMLElement
    expect(root).toHaveClass('plinto-root', 'plinto-card')
    expect(root.style.getPropertyValue('--plinto-color-primary')).toBe('#0f766e')
    expect(root.style.getPropertyValue('--plinto-radius')).toBe('12px')
    expect(root).toHaveAttribute('data-plinto-theme', 'dark')
  })

  test('provider appearance applies everywhere; a component overrides it and element classes add up', () => {
    const { container } = renderWithPlinto(
      <>
        <SignIn appearance={{ theme: 'light', elements: { primaryButton: 'mine' } }} />
        <SignUp />
      </>,
      {
        appearance: {
          theme: 'auto',
          variables: { fontFamily: 'Inter' },
          elements: { primaryButton: 'brand-button', input: 'brand-input' },
        },
      },
    )
    const [signIn, signUp] = Array.from(container.children) as HTMLElement[]
    expect(signIn).toHaveAttribute('data-plinto-theme', 'light')
    expect(signUp).toHaveAttribute('data-plinto-theme', 'auto')
    expect(signUp!.style.getPropertyValue('--plinto-font-family')).toBe('Inter')
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveClass('plinto-primary-button', 'brand-button', 'mine')
    expect(screen.getByRole('button', { name: 'Create account' })).toHaveClass('brand-button')
    expect(screen.getByRole('button', { name: 'Create account' })).not.toHaveClass('mine')
    expect(screen.getAllByLabelText('Email')[0]).toHaveClass('plinto-input', 'brand-input')
  })

  test('unstyled drops every library class but keeps appearance.elements classes and root attributes', async () => {
    const { container } = renderWithPlinto(
      <SignIn unstyled appearance={{ elements: { primaryButton: 'btn' } }} className="page-card" id="login" />,
    )
    expect(container.querySelector('[class*="plinto-"]')).toBeNull()
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveAttribute('class', 'btn')
    expect(container.firstElementChild).toHaveAttribute('class', 'page-card')
    expect(container.firstElementChild).toHaveAttribute('id', 'login')
    await expectNoAxeViolations(container)
  })

  test('unstyled on the provider applies to every component', () => {
    const { container } = renderWithPlinto(<SignUp />, { unstyled: true })
    expect(container.querySelector('[class*="plinto-"]')).toBeNull()
  })

  test('root attributes pass through and user handlers run', async () => {
    const clicks: string[] = []
    renderWithPlinto(<SignIn data-testid="card" onClick={() => clicks.push('card')} />)
    await userEvent.setup().click(screen.getByRole('heading', { name: 'Sign in' }))
    expect(screen.getByTestId('card')).toBeInTheDocument()
    expect(clicks).toEqual(['card'])
  })
})

describe('localization', () => {
  test('Spanish: labels, buttons, errors and the root lang', async () => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD })
    const { container } = renderWithPlinto(<SignIn forgotPasswordUrl="/f" />, { localization: es })
    expect(container.firstElementChild).toHaveAttribute('lang', 'es')
    expect(screen.getByRole('heading', { name: 'Iniciar sesión' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '¿Has olvidado la contraseña?' })).toBeInTheDocument()
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Correo electrónico'), EMAIL)
    await user.type(screen.getByLabelText('Contraseña'), 'wrong password')
    await user.click(screen.getByRole('button', { name: 'Iniciar sesión' }))
    expect(await screen.findByText('El correo electrónico o la contraseña no son correctos.')).toBeInTheDocument()
    await expectNoAxeViolations(container)
  })

  test('Spanish rate-limit message uses retryAfter', async () => {
    plinto.faults.respond({
      path: '/auth/signup',
      status: 429,
      body: { detail: 'x', error_code: 'RATE_LIMITED', retry_after: 1 },
    })
    renderWithPlinto(<SignUp />, { localization: es })
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Correo electrónico'), EMAIL)
    await user.type(screen.getByLabelText('Contraseña'), PASSWORD)
    await user.click(screen.getByRole('button', { name: 'Crear cuenta' }))
    expect(await screen.findByText('Demasiados intentos. Vuelve a intentarlo en 1 segundo.')).toBeInTheDocument()
  })

  test('deep-partial overrides on the provider and the component; the rest stays English', () => {
    renderWithPlinto(<SignIn localization={{ signIn: { submit: 'Log in' } }} />, {
      localization: { signIn: { title: 'Welcome back' }, fields: { email: 'Work email' } },
    })
    expect(screen.getByRole('heading', { name: 'Welcome back' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Log in' })).toBeInTheDocument()
    expect(screen.getByLabelText('Work email')).toBeInTheDocument()
    expect(screen.getByLabelText('Password')).toBeInTheDocument()
  })

  test('UserButton in Spanish names the menu in Spanish', async () => {
    await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada' })
    const client = makeClient()
    await client.auth.signIn({ email: EMAIL, password: PASSWORD })
    renderWithPlinto(<UserButton />, { client, localization: es })
    await userEvent.setup().click(screen.getByRole('button', { name: 'Menú de la cuenta de Ada' }))
    expect(screen.getByRole('menuitem', { name: 'Cerrar sesión' })).toBeInTheDocument()
  })

  test('es translates every string en has (same keys, nothing left empty or in English by accident)', () => {
    const keys = (value: PlintoLocalization) =>
      Object.entries(value).flatMap(([section, texts]) =>
        typeof texts === 'string' ? [section] : Object.keys(texts).map((key) => `${section}.${key}`),
      )
    expect(keys(es)).toEqual(keys(en))
    for (const [section, texts] of Object.entries(es)) {
      if (typeof texts === 'string') continue
      for (const [key, text] of Object.entries(texts as Record<string, unknown>)) {
        const english = (en as unknown as Record<string, Record<string, unknown>>)[section]![key]
        const sample = (t: unknown) => (typeof t === 'function' ? String(t(5)) : String(t))
        expect(sample(text), `${section}.${key}`).not.toBe('')
        expect(sample(text), `${section}.${key}`).not.toBe(sample(english))
      }
    }
  })
})
