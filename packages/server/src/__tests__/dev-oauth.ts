// The offline dev OAuth provider's browser round trip, for tests that sign in or link an identity through it.
import { expect } from 'vitest'
import type { PlintoApp } from '../index'
import { CALLBACK, call, pkce } from './helpers'

export type DevIdentity = { email: string; first_name?: string; last_name?: string }

/**
 * The dev provider's browser round trip, started at `startPath` (sign-in `/authorize` or `/link` with a token):
 * returns the app's redirect (code or error, and state) and the PKCE verifier the app kept.
 */
export async function devRoundTrip(app: PlintoApp, startPath: string, identity: DevIdentity, token?: string) {
  const { verifier, challenge } = await pkce()
  const start = await call(app, 'POST', `/api/v1/oauth/dev/${startPath}`, {
    body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    ...(token ? { token } : {}),
  })
  expect(start.status).toBe(200)
  const consent = new URL(start.body.authorization_url)
  const approved = await app.request(consent.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      state: start.body.state,
      decision: 'approve',
      first_name: '',
      last_name: '',
      ...identity,
    }).toString(),
  })
  const callback = new URL(approved.headers.get('location') ?? '')
  const back = await app.request(callback.pathname + callback.search)
  expect(back.status).toBe(302)
  const final = new URL(back.headers.get('location') ?? '')
  return {
    state: start.body.state as string,
    verifier,
    code: final.searchParams.get('code'),
    error: final.searchParams.get('error'),
  }
}

/** Signs in (or up) with the dev provider; returns the AuthResponse. */
export async function devSignIn(app: PlintoApp, identity: DevIdentity) {
  const trip = await devRoundTrip(app, 'authorize', identity)
  const res = await call(app, 'POST', '/api/v1/oauth/dev/callback', {
    body: { code: trip.code, state: trip.state, code_verifier: trip.verifier },
  })
  expect(res.status).toBe(200)
  return res.body as { user: { id: string }; tokens: { access_token: string } }
}

/** Links a dev identity to the account of `token` and redeems the code; returns the raw reply. */
export async function devLink(app: PlintoApp, token: string, identity: DevIdentity) {
  const trip = await devRoundTrip(app, 'link', identity, token)
  expect(trip.error).toBeNull()
  return call(app, 'POST', '/api/v1/oauth/dev/link/callback', {
    token,
    body: { code: trip.code, state: trip.state, code_verifier: trip.verifier, redirect_uri: CALLBACK },
  })
}
