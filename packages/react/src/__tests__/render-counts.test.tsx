import { act, render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { PlintoClient } from '@plinto/typescript-sdk'
import { EMAIL, PASSWORD, signedIn, usePlintoServer } from '@plinto/test-support'
import { PlintoProvider, SignedIn, useAuth, usePlinto, useSession, useUser } from '../index'

const { plinto, makeClient } = usePlintoServer(PlintoClient)

// One counting consumer per hook; each renders its hook's output so React cannot skip it for other reasons.
function renderCounted(client: PlintoClient) {
  const renders = { usePlinto: 0, useAuth: 0, useUser: 0, useSession: 0, SignedIn: 0 }
  function PlintoConsumer() {
    renders.usePlinto++
    return <span>{usePlinto().user?.email}</span>
  }
  function AuthConsumer() {
    renders.useAuth++
    return <span>{useAuth().user?.email}</span>
  }
  function UserConsumer() {
    renders.useUser++
    return <span>{useUser().user?.email}</span>
  }
  function SessionConsumer() {
    renders.useSession++
    return <span>{useSession().expiresAt}</span>
  }
  function SignedInChild() {
    renders.SignedIn++
    return <span>in</span>
  }
  render(
    <PlintoProvider client={client}>
      <PlintoConsumer />
      <AuthConsumer />
      <UserConsumer />
      <SessionConsumer />
      <SignedIn>
        <SignedInChild />
      </SignedIn>
    </PlintoProvider>,
  )
  return renders
}

test('a token refresh re-renders only the consumers of the expiry', async () => {
  const client = await signedIn(plinto, makeClient())
  const renders = renderCounted(client)
  const before = { ...renders }
  const expiresAt = client.getSnapshot().expiresAt

  plinto.clock.advance(10_000) // so the refreshed token really has a later expiry
  await act(() => client.auth.refreshToken())

  expect(client.getSnapshot().expiresAt).toBeGreaterThan(expiresAt!)
  expect(renders.useSession).toBe(before.useSession + 1) // proves the refresh reached React
  expect(renders).toMatchObject({
    usePlinto: before.usePlinto,
    useAuth: before.useAuth,
    useUser: before.useUser,
    SignedIn: before.SignedIn,
  })
})

test('a sign-in renders each consumer exactly once more', async () => {
  await plinto.seedUser({ email: EMAIL, password: PASSWORD })
  const client = makeClient()
  await client.ready()
  const renders = renderCounted(client)
  expect(renders).toEqual({ usePlinto: 1, useAuth: 1, useUser: 1, useSession: 1, SignedIn: 0 })

  await act(() => client.auth.signIn({ email: EMAIL, password: PASSWORD }))

  expect(renders).toEqual({ usePlinto: 2, useAuth: 2, useUser: 2, useSession: 2, SignedIn: 1 })
})

test('a profile change re-renders user consumers once, and a no-op refetch not at all', async () => {
  const client = makeClient()
  await client.auth.signUp({ email: EMAIL, password: PASSWORD })
  const renders = renderCounted(client)
  const before = { ...renders }

  await act(() => client.auth.getCurrentUser()) // same data: the store keeps its snapshot
  expect(renders).toEqual(before)

  const token = new URL(plinto.lastMessage(EMAIL).link!).searchParams.get('token')!
  await client.auth.verifyEmail(token)
  await act(() => client.auth.getCurrentUser())
  expect(client.getSnapshot().user?.email_verified).toBe(true)
  expect(renders).toMatchObject({
    usePlinto: before.usePlinto + 1,
    useAuth: before.useAuth + 1,
    useUser: before.useUser + 1,
  })
})
