import { render, type RenderResult } from '@testing-library/react'
import axe from 'axe-core'
import type { ReactElement } from 'react'
import { afterEach, expect, vi } from 'vitest'
import { PlintoClient, type AuthResponse } from '@plinto/typescript-sdk'
import { EMAIL, PASSWORD, seedAda, usePlintoServer } from '@plinto/test-support'
import { totp, type PlintoHandlers, type PlintoHandlersOptions } from '@plinto/testing'
import { PlintoProvider, type PlintoProviderProps } from '../index'

/**
 * `usePlintoServer` (@plinto/test-support: the reference server behind MSW, reset after every test, clients
 * disposed) plus `renderWithPlinto`; the address bar is back at `/` after every test.
 */
export function useRenderWithPlinto(options: Partial<PlintoHandlersOptions> = {}) {
  const { plinto, makeClient } = usePlintoServer(PlintoClient, options)
  afterEach(() => window.history.replaceState(null, '', '/'))

  /** Renders `ui` inside the UI provider with a fresh client and a spy `navigate`. */
  const renderWithPlinto = (
    ui: ReactElement,
    {
      client = makeClient(),
      ...provider
    }: { client?: PlintoClient } & Omit<Partial<PlintoProviderProps>, 'client' | 'config'> = {},
  ): RenderResult & { client: PlintoClient; navigate: ReturnType<typeof vi.fn> } => {
    const navigate = vi.fn()
    const result = render(ui, {
      wrapper: ({ children }) => (
        <PlintoProvider client={client} navigate={navigate} {...provider}>
          {children}
        </PlintoProvider>
      ),
    })
    return { ...result, client, navigate }
  }

  return { plinto, makeClient, renderWithPlinto }
}

/**
 * A genuine AuthResponse from the reference server, obtained with a direct sign-in (no SDK, no request
 * log entry), for faults that stand in for endpoints the server does not implement yet.
 */
export async function realAuthResponse(plinto: PlintoHandlers): Promise<AuthResponse> {
  const response = await plinto.app.request('/api/v1/auth/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as AuthResponse
}

/** Seeds Ada with TOTP on; returns her secret and backup codes. Server time then moves past the set-up code. */
export async function adaWithTotp(handlers: PlintoHandlers) {
  await seedAda(handlers)
  const { tokens } = await realAuthResponse(handlers)
  const call = async (path: string, body: unknown) => {
    const response = await handlers.app.request(`/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    return response.json()
  }
  const { secret, backup_codes } = (await call('/mfa/totp/enable', {})) as { secret: string; backup_codes: string[] }
  await call('/mfa/totp/verify', { code: await totp(secret, handlers.clock.now()) })
  // A TOTP code is accepted once: move to a later time step so the sign-in's code is a fresh one.
  handlers.clock.advance(60_000)
  return { secret, backupCodes: backup_codes }
}

/**
 * Runs axe-core on `container` and fails with the violations listed. `color-contrast` is off: jsdom does
 * no layout or style cascade, so axe cannot compute it there (Storybook runs in a real browser for that).
 */
export async function expectNoAxeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
  expect(
    result.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([])
}
