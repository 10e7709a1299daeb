import type { ModuleContext } from '../module-context'
import { PlintoError, unauthorized } from '../errors'
import { loadOnce, lazyMethods } from './lazy'
import type { ManagementCalls } from './management.lazy'
import type { MfaModule } from './mfa'
import type { OrganizationsModule } from './organizations'
import type { PasskeyCeremonies, PasskeysModule } from './passkeys'
import type { PhoneVerificationCalls } from './phone'
import type { SessionsModule } from './sessions'
import { caller } from './shared'
import type { UsersModule } from './users'

// What start-up needs (session restore, refresh, sign-in and sign-up, the current user) is in the main
// chunk; the calls of the account and admin screens are in the `management` chunk (./management.lazy), loaded
// with `import()` on the first call of any of them. This file is the seam: it gives `plinto.users`,
// `.sessions`, `.organizations`, `.mfa` and `.passkeys` their full shape right away, forwarding those calls
// to the chunk, and holds the few methods that must not wait for it. Only types may be imported from the
// module files (./users, ./organizations, …): esbuild splits chunks by file, so a value imported from one
// of them here would pull that file, with its schemas, into the main chunk.

/** `plinto.users`, `.sessions`, `.organizations`, `.mfa` and `.passkeys` of one client. */
export interface AccountModules {
  users: UsersModule
  sessions: SessionsModule
  organizations: OrganizationsModule
  mfa: MfaModule
  passkeys: PasskeysModule
  /** The phone-number calls that `plinto.auth` offers (not a public module of its own). */
  phone: PhoneVerificationCalls
}

/**
 * The account modules of a client. Their account-screen calls load with the `management` chunk on first
 * use, once per client and shared by all five modules; a failed download rejects that call with a
 * retryable `NETWORK_ERROR` and the next call downloads again.
 */
export function createAccountModules(context: ModuleContext): AccountModules {
  const { session } = context
  const calls = loadOnce(async () => (await import('./management.lazy')).createManagementCalls(context))
  const load =
    <K extends keyof ManagementCalls>(module: K) =>
    async (): Promise<ManagementCalls[K]> =>
      (await calls())[module]
  const passkeyCeremonies: PasskeyCeremonies = {
    registerPasskey: async (request) => (await ceremonies()).register(context, request?.name),
    authenticatePasskey: async (request) =>
      session.start(await (await ceremonies()).authenticate(context, request?.email)),
  }
  return {
    users: lazyMethods(load('users'), {
      updateProfile: true,
      deleteAccount: true,
      listIdentities: true,
      unlinkIdentity: true,
    }),
    sessions: lazyMethods(load('sessions'), {
      listSessions: true,
      getCurrentSession: true,
      revokeSession: true,
      revokeAllSessions: true,
    }),
    organizations: {
      ...lazyMethods(load('organizations'), {
        createOrganization: true,
        listOrganizations: true,
        getOrganization: true,
        updateOrganization: true,
        deleteOrganization: true,
        listMembers: true,
        inviteMember: true,
        listInvitations: true,
        revokeInvitation: true,
        acceptInvitation: true,
        updateMemberRole: true,
        removeMember: true,
      }),
      // A refresh that switches (the session's refresh engine runs it): no need for the chunk. Nothing is sent
      // when `id` is already active; signed out, `null` does nothing and an ID is UNAUTHORIZED.
      async setActive(id) {
        await session.ready
        const current = session.current()
        if (!current && id) throw unauthorized('Sign in before choosing an organization')
        if (current && current.organizationId !== id) await session.refresh(false, true, id)
      },
    },
    mfa: {
      ...lazyMethods(load('mfa'), {
        getStatus: true,
        enableTotp: true,
        verifyTotp: true,
        disableTotp: true,
        regenerateBackupCodes: true,
        enableSms: true,
        verifySms: true,
        disableSms: true,
      }),
      // A step of signing in (also `auth.sendMfaChallenge`), so it does not wait for the chunk.
      sendChallenge: (request) => caller(context)('POST', 'mfa/challenge/send', (v) => v.message, request, false),
    },
    passkeys: {
      ...passkeyCeremonies,
      ...lazyMethods(load('passkeys'), { listPasskeys: true, renamePasskey: true, deletePasskey: true }),
    },
    phone: lazyMethods(load('phone'), { startPhoneVerification: true, verifyPhone: true, removePhoneNumber: true }),
  }
}

/**
 * The WebAuthn ceremonies (./passkey-ceremony.lazy, a chunk of their own with @simplewebauthn/browser), after
 * checking there is WebAuthn to run them with. Sign-in with a passkey must not wait for the management chunk.
 */
export function ceremonies() {
  const { PublicKeyCredential: credentialClass, navigator } = globalThis as {
    PublicKeyCredential?: unknown
    navigator?: { credentials?: unknown }
  }
  if (typeof credentialClass !== 'function' || !navigator?.credentials) {
    return Promise.reject(
      new PlintoError('PASSKEY_NOT_SUPPORTED', 'Passkeys (WebAuthn) are not available in this environment'),
    )
  }
  return import('./passkey-ceremony.lazy')
}
