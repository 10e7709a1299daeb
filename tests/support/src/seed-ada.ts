import type { PlintoHandlers } from '@plinto/testing'
import { EMAIL, PASSWORD } from './constants'

/** Seeds Ada Lovelace (`EMAIL`, `PASSWORD`; verified, MFA off unless `extra` says otherwise); returns her wire user. */
export const seedAda = (plinto: PlintoHandlers, extra: { first_name?: string; email_verified?: boolean } = {}) =>
  plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace', ...extra })

/** Seeds Ada and signs `client` (an SDK client, see `usePlintoServer`) in as her; returns `client`. */
export async function signedIn<
  Client extends { auth: { signIn(input: { email: string; password: string }): Promise<unknown> } },
>(plinto: PlintoHandlers, client: Client, extra: { first_name?: string } = {}): Promise<Client> {
  await seedAda(plinto, extra)
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}
