import type { ModuleContext } from '../module-context'
import { createMfaModule } from './mfa'
import { createOrganizationsModule } from './organizations'
import { createPasskeysModule } from './passkeys'
import { createPhoneModule } from './phone'
import { createSessionsModule } from './sessions'
import { createUsersModule } from './users'

// The `management` chunk (dist/management.lazy-*.js): the calls of the account and admin screens — users,
// sessions, organizations, MFA set-up, passkey list/rename/delete, the phone number — with their response schemas. Only
// ./account-modules imports it, with `import()`, on the first call of one of those methods; apps that never
// open such a screen never download it. Import nothing from here statically, or it joins the main chunk.

/** The lazily loaded calls of one client, built once when the chunk arrives. */
export const createManagementCalls = (context: ModuleContext) => ({
  users: createUsersModule(context),
  sessions: createSessionsModule(context),
  organizations: createOrganizationsModule(context),
  mfa: createMfaModule(context),
  passkeys: createPasskeysModule(context),
  phone: createPhoneModule(context),
})

export type ManagementCalls = ReturnType<typeof createManagementCalls>
