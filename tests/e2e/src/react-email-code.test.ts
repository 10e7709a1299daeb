// A person signs in to examples/react-vite with a 6-digit code emailed to them, read on another device (their
// phone, where the email is): the reference server (emailed codes on) and its dev outbox, in Chromium.
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { accessibilityViolations, describeViolations, installAxe } from './harness/axe'
import { screenshot as saveScreenshot } from './harness/browser'
import {
  goToSignIn,
  signOutThroughMenu,
  submitSignUp,
  userMenuButton,
  type ReactAppAccount,
} from './harness/react-actions'
import { useReactApp } from './harness/static-app-fixtures'

const e2e = useReactApp()

const emmy: ReactAppAccount = {
  firstName: 'Emmy',
  lastName: 'Noether',
  email: 'emmy@example.com',
  password: 'invariants under symmetry',
}

async function screenshot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, name)
  expect(describeViolations(name, await accessibilityViolations(page))).toEqual([])
}

async function newDevice() {
  const context = await e2e.newContext()
  await installAxe(context)
  return context
}

test('signs in with a code read on another device; a wrong code is refused, the right one opens the dashboard', {
  timeout: 120_000,
}, async () => {
  const laptop = await newDevice()
  const page = await e2e.openApp(laptop, '/sign-up')
  await submitSignUp(page, emmy)
  await userMenuButton(page, emmy).waitFor()
  await signOutThroughMenu(page, emmy)

  await goToSignIn(page)
  await page.getByRole('button', { name: 'Email me a code' }).click()
  await page.getByLabel('Email', { exact: true }).fill(emmy.email)
  await page.getByRole('button', { name: 'Send code' }).click()
  await page.getByRole('heading', { name: 'Check your email', level: 1 }).waitFor()
  const field = page.getByLabel('Code from the email')
  expect(await field.getAttribute('autocomplete')).toBe('one-time-code')
  await screenshot(page, 'react-email-code-sent')

  // The phone: the email says the code (there is no link to open).
  const phone = await newDevice()
  const inbox = await e2e.openApp(phone, `/dev/inbox?${new URLSearchParams({ to: emmy.email })}`)
  const message = inbox.getByRole('article', { name: 'Your sign-in code' }).first()
  await message.waitFor()
  expect(await message.getByRole('link', { name: 'Open the link' }).count()).toBe(0)
  const code = (await message.locator('code').first().textContent())!.trim()
  expect(code).toMatch(/^\d{6}$/)

  await field.fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByText('That code is not right. Check the email and try again.').waitFor()
  await screenshot(page, 'react-email-code-wrong')

  await field.fill(code)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('heading', { name: `Welcome, ${emmy.firstName}`, level: 1 }).waitFor()
  await userMenuButton(page, emmy).waitFor()
  expect(new URL(page.url()).pathname).toBe('/dashboard')
  await screenshot(page, 'react-email-code-dashboard')
})
