import type { Locator, Page } from 'playwright-core'

/** A person using examples/react-vite. */
export interface ReactAppAccount {
  firstName: string
  lastName: string
  email: string
  password: string
}

/** The header's user menu button of `account` (present only while signed in). */
export function userMenuButton(page: Page, account: Pick<ReactAppAccount, 'firstName' | 'lastName'>): Locator {
  return page.getByRole('button', { name: `Account menu for ${account.firstName} ${account.lastName}` })
}

/** Fills in and sends the sign-up form on the current page. */
export async function submitSignUp(page: Page, account: ReactAppAccount): Promise<void> {
  await page.getByLabel('First name').fill(account.firstName)
  await page.getByLabel('Last name').fill(account.lastName)
  await page.getByLabel('Email', { exact: true }).fill(account.email)
  await page.getByLabel('Password', { exact: true }).fill(account.password)
  await page.getByRole('button', { name: 'Create account', exact: true }).click()
}

/** Fills in and sends the password step of the sign-in form on the current page. */
export async function submitSignIn(page: Page, account: Pick<ReactAppAccount, 'email' | 'password'>): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(account.email)
  await page.getByLabel('Password', { exact: true }).fill(account.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** Signs out through the header's user menu and waits for the landing page, signed out. */
export async function signOutThroughMenu(
  page: Page,
  account: Pick<ReactAppAccount, 'firstName' | 'lastName'>,
): Promise<void> {
  await userMenuButton(page, account).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor()
  await page.waitForURL((url) => url.pathname === '/')
}

/** Goes to the sign-in page through the header's link. */
export async function goToSignIn(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
}

/** Goes to a signed-in page through the header's navigation (`Dashboard`, `Account`, `Organization`). */
export async function navigateTo(page: Page, link: 'Dashboard' | 'Account' | 'Organization'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click()
}

/**
 * In the app's dev inbox (the page must be open on the right address), waits for the message whose
 * subject matches and follows its link inside the app. The server sends mail in the background, and the
 * page looks again every 2 s.
 */
export async function openInboxLink(page: Page, subject: string | RegExp): Promise<void> {
  const message = page.getByRole('article', { name: subject }).first()
  await message.waitFor()
  await message.getByRole('link', { name: 'Open the link' }).click()
}

/** Opens a pane (tab) of UserProfile or OrganizationProfile, e.g. `Security`, and waits for it. */
export async function openPane(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click()
  await page.getByRole('tabpanel', { name }).waitFor()
}

/**
 * A section (named region) of the account or organization page, e.g. `Two-step verification` (its name
 * may go on with a badge: "Two-step verification On").
 */
export function region(page: Page, name: string): Locator {
  return page.getByRole('region', { name })
}
