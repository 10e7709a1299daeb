import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { silentLogger } from '../index'
import { startServer } from '../node'
import { createFileStore, STATE_FILE } from '../store/file-store'
import { PASSWORD } from './helpers'
import { userRecord } from './store-conformance/records'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plinto-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function serve() {
  const store = await createFileStore(dir)
  const server = await startServer({ port: 0, mode: 'test', store, logger: silentLogger })
  return {
    server,
    post: (path: string, body: unknown, token?: string) =>
      fetch(`${server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }),
    me: (token: string) => fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }),
    stop: async () => {
      await server.close()
      await store.close()
    },
  }
}

describe('file store', () => {
  test('users, sessions, refresh tokens and signing keys survive a restart', async () => {
    const first = await serve()
    const signUp = await (await first.post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })).json()
    const jwksBefore = await (await fetch(`${first.server.url}/.well-known/jwks.json`)).json()
    await first.stop()

    const second = await serve()
    try {
      // A token issued before the restart still verifies: same key, same session.
      const me = await second.me(signUp.tokens.access_token)
      expect(me.status).toBe(200)
      expect((await me.json()).id).toBe(signUp.user.id)
      expect(await (await fetch(`${second.server.url}/.well-known/jwks.json`)).json()).toEqual(jwksBefore)
      expect((await second.post('/auth/refresh', { refresh_token: signUp.tokens.refresh_token })).status).toBe(200)
      expect((await second.post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })).status).toBe(200)
    } finally {
      await second.stop()
    }
  })

  test('a signed-out session stays ended after a restart', async () => {
    const first = await serve()
    const { tokens } = await (await first.post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })).json()
    await first.post('/auth/signout', {}, tokens.access_token)
    await first.stop()
    const second = await serve()
    try {
      expect((await (await second.me(tokens.access_token)).json()).error_code).toBe('SESSION_REVOKED')
    } finally {
      await second.stop()
    }
  })

  test('the state file is private, holds no plaintext secrets, and no temp files are left behind', async () => {
    const first = await serve()
    const { tokens } = await (await first.post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })).json()
    await first.stop()
    expect(await readdir(dir)).toEqual([STATE_FILE])
    expect((await stat(join(dir, STATE_FILE))).mode & 0o777).toBe(0o600)
    const text = await readFile(join(dir, STATE_FILE), 'utf8')
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(tokens.refresh_token)
    expect(text).toContain('pbkdf2-sha256$')
  })

  test('every write is on disk when the operation resolves; concurrent writes all land', async () => {
    const store = await createFileStore(dir)
    const now = Date.now()
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.users.create(
          userRecord(`usr_${i}`, { email: `u${i}@example.com`, password_hash: null, created_at: now, updated_at: now }),
        ),
      ),
    )
    const onDisk = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8'))
    expect(Object.keys(onDisk.users)).toHaveLength(20)
    await store.close()
    const reopened = await createFileStore(dir)
    expect(await reopened.users.getByEmail('u19@example.com')).toBeDefined()
    await reopened.close()
  })

  test('organizations, invitations, MFA, passkeys, challenges and OAuth links survive a restart', async () => {
    const now = Date.now()
    const store = await createFileStore(dir)
    await store.organizations.create(
      { id: 'org_1', name: 'Acme', slug: 'acme', description: null, created_at: now, updated_at: now },
      { organization_id: 'org_1', user_id: 'usr_1', role: 'owner', joined_at: now },
    )
    await store.invitations.create({
      id: 'inv_1',
      organization_id: 'org_1',
      email: 'b@example.com',
      email_normalized: 'b@example.com',
      role: 'member',
      token_hash: 'h',
      status: 'pending',
      invited_by: 'usr_1',
      created_at: now,
      expires_at: now + 60_000,
      decided_at: null,
    })
    await store.mfa.put({
      user_id: 'usr_1',
      totp_secret: 'sealed:x',
      totp_enabled: true,
      totp_last_step: 5,
      sms_phone: null,
      sms_enabled: false,
      backup_code_hashes: ['a'],
      pending_backup_code_hashes: [],
      updated_at: now,
    })
    await store.passkeys.create({
      id: 'pk_1',
      user_id: 'usr_1',
      credential_id: 'cred',
      public_key: 'key',
      counter: 3,
      transports: ['internal'],
      device_type: 'multiDevice',
      backed_up: true,
      name: 'Mac',
      created_at: now,
      last_used_at: null,
    })
    await store.challenges.create({
      key: 'k',
      kind: 'mfa_token',
      user_id: 'usr_1',
      data: { remember: true },
      attempts: 1,
      created_at: now,
      expires_at: now + 60_000,
    })
    await store.oauthAccounts.create({
      provider: 'dev',
      provider_user_id: 'p',
      user_id: 'usr_1',
      email: 'a@example.com',
      created_at: now,
    })
    await store.close()

    const reopened = await createFileStore(dir)
    try {
      expect(await reopened.organizations.getBySlug('acme')).toMatchObject({ id: 'org_1' })
      expect(await reopened.memberships.get('org_1', 'usr_1')).toMatchObject({ role: 'owner' })
      expect(await reopened.invitations.getByTokenHash('h')).toMatchObject({ id: 'inv_1', status: 'pending' })
      expect(await reopened.mfa.claimTotpStep('usr_1', 5)).toBe(false)
      expect(await reopened.passkeys.getByCredentialId('cred')).toMatchObject({ counter: 3 })
      expect(await reopened.challenges.get('k', 'mfa_token', now)).toMatchObject({ attempts: 1 })
      expect(await reopened.oauthAccounts.get('dev', 'p')).toMatchObject({ user_id: 'usr_1' })
    } finally {
      await reopened.close()
    }
  })

  test('a state file written before these collections existed still loads', async () => {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(
      join(dir, STATE_FILE),
      JSON.stringify({ version: 1, users: {}, sessions: {}, refreshTokens: {}, emailTokens: {}, signingKeys: [] }),
    )
    const store = await createFileStore(dir)
    expect(await store.organizations.get('org_1')).toBeUndefined()
    expect(await store.passkeys.listByUser('usr_1')).toEqual([])
    await store.close()
  })

  test('a corrupt or foreign state file fails loudly instead of starting empty', async () => {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(dir, STATE_FILE), JSON.stringify({ version: 99 }))
    await expect(createFileStore(dir)).rejects.toThrow(/unsupported state version 99/)
  })
})
