import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { run } from './bin-runner'
import { PGLITE_START_TIMEOUT } from './postgres-helpers'

describe('plinto-server', { timeout: 20_000 }, () => {
  test('--help prints usage and exits 0', async () => {
    const bin = run(['--help'])
    expect(await bin.exited).toBe(0)
    expect(bin.output().stdout).toMatch(/Usage: plinto-server/)
    expect(bin.output().stdout).toMatch(/--data-dir DIR/)
  })

  test.each([
    [['--port', 'eighty']],
    [['--mode', 'staging']],
    [['--rate-limit', 'maybe']],
    [['--no-such-flag']],
    [['--memory', '--data-dir', '/tmp/x']],
    [['--allowed-origin', 'not a url']],
    [['--mode', 'production']],
    [['--webhook-url', 'http://127.0.0.1:9/hooks']],
    [['--oauth-github-client-id', 'only-the-id']],
    [['--secret-key', 'short']],
    [['--email-codes', 'yes']],
    [['--config', '/nonexistent/plinto.json']],
  ])('bad flags %j exit 2 with a message', async (args) => {
    const bin = run(args)
    expect(await bin.exited).toBe(2)
    expect(bin.output().stderr).toMatch(/^plinto-server: .+\nRun plinto-server --help for usage\.\n$/)
  })

  test('a bad environment value exits 2 too', async () => {
    const bin = run([], { PLINTO_ACCESS_TOKEN_TTL: '-5' })
    expect(await bin.exited).toBe(2)
    expect(bin.output().stderr).toMatch(/--access-token-ttl/)
  })

  test(
    'serves, takes env and flags (flags win), and exits 0 on SIGTERM after closing its data dir',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'plinto-bin-'))
      try {
        const bin = run(['--port', '0', '--data-dir', dir, '--access-token-ttl', '120'], {
          PLINTO_MODE: 'test',
          PLINTO_ACCESS_TOKEN_TTL: '999',
          PLINTO_EMAIL_CODES: 'on',
        })
        const [, url] = await bin.waitFor(/listening on (http:\/\/\S+)\n/)
        const health = await (await fetch(`${url}/health`)).json()
        expect(health.environment).toBe('test')
        const signUp = await fetch(`${url}/api/v1/auth/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }),
        })
        expect((await signUp.json()).tokens.expires_in).toBe(120)
        const codeSent = await fetch(`${url}/api/v1/auth/email-code/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'ada@example.com', purpose: 'sign_in' }),
        })
        expect(codeSent.status).toBe(202) // PLINTO_EMAIL_CODES=on (off, it would be 403)
        bin.child.kill('SIGTERM')
        expect(await bin.exited).toBe(0)
        // A clean shutdown released the lock; the database is all that is left.
        expect(await readdir(dir)).toEqual(['pgdata'])
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
      // The data directory's database is created on this first start (PGlite's initdb: seconds).
    },
    PGLITE_START_TIMEOUT,
  )

  test('new options from --config, flags and environment reach the app', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plinto-bin-config-'))
    try {
      const file = join(dir, 'plinto.json')
      await writeFile(
        file,
        JSON.stringify({ rpName: 'From file', oauth: { google: { clientId: 'g', clientSecret: 's' } } }),
      )
      const bin = run(
        [
          '--port',
          '0',
          '--memory',
          '--mode',
          'test',
          '--config',
          file,
          '--rp-id',
          'example.com',
          '--allowed-redirect-url',
          'https://app.example.com/cb',
        ],
        {
          PLINTO_OAUTH_GITHUB_CLIENT_ID: 'gh',
          PLINTO_OAUTH_GITHUB_CLIENT_SECRET: 'secret',
          PLINTO_RP_NAME: 'From env',
        },
      )
      const [, url] = await bin.waitFor(/listening on (http:\/\/\S+)\n/)
      const providers = await (await fetch(`${url}/api/v1/oauth/providers`)).json()
      expect(providers.providers.map((p: { id: string }) => p.id)).toEqual(['github', 'google', 'dev'])
      const post = (path: string, body: unknown, token?: string) =>
        fetch(`${url}/api/v1${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        })
      const { tokens } = await (
        await post('/auth/signup', { email: 'ada@example.com', password: 'correct horse battery' })
      ).json()
      const options = await (await post('/passkeys/register/options', {}, tokens.access_token)).json()
      expect(options.rp).toEqual({ id: 'example.com', name: 'From env' })
      const allowed = await post('/auth/magic-link', {
        email: 'ada@example.com',
        redirect_url: 'https://app.example.com/cb',
      })
      expect(allowed.status).toBe(202)
      const refused = await post('/auth/magic-link', {
        email: 'ada@example.com',
        redirect_url: 'http://localhost:5173/auth/callback',
      })
      expect(refused.status).toBe(422)
      bin.child.kill('SIGTERM')
      expect(await bin.exited).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('SIGINT also shuts down cleanly', async () => {
    const bin = run(['--port', '0', '--memory'])
    await bin.waitFor(/listening on/)
    bin.child.kill('SIGINT')
    expect(await bin.exited).toBe(0)
  })
})
