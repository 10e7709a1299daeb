import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for the tests that need a real one: PLINTO_TEST_DATABASE_URL, or a throwaway cluster. */
    postgresUrl: string | undefined
  }
}

/** The newest Debian PostgreSQL install (`/usr/lib/postgresql/<major>/bin`), if any. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const major = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0]
  return major && join(root, major, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Global setup of the server tests: a real PostgreSQL for the store's concurrency tests (PGlite, used by
 * the rest, is a single connection and runs nothing truly in parallel). `PLINTO_TEST_DATABASE_URL` wins;
 * otherwise a throwaway cluster is made with Debian's `initdb` in a temporary directory (trust auth,
 * 127.0.0.1 only, no fsync) and removed afterwards. PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the `postgres` user. In CI a missing PostgreSQL is an error (`pnpm test` installs it
 * through `scripts/ensure-postgres.mjs`); on a developer machine those tests are skipped.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.PLINTO_TEST_DATABASE_URL
  if (given) return void project.provide('postgresUrl', given)
  const bin = postgresBin()
  if (!bin) {
    if (process.env.CI)
      throw new Error('PostgreSQL is not installed: run `node scripts/ensure-postgres.mjs` (pnpm test does).')
    console.warn('server tests: no PostgreSQL found (Debian package postgresql); the real-database tests are skipped.')
    return void project.provide('postgresUrl', undefined)
  }

  const dir = mkdtempSync(join(tmpdir(), 'plinto-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, command), ...args] : args
    const result = spawnSync(asRoot ? 'runuser' : join(bin, command), argv, { encoding: 'utf8' })
    if (result.status !== 0)
      throw new Error(`${command} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`)
  }
  if (asRoot) {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim())
    chownSync(dir, id('-u'), id('-g'))
  }
  const data = join(dir, 'data')
  run('initdb', ['--pgdata', data, '--auth', 'trust', '--username', 'plinto', '--no-sync', '--no-instructions'])
  const port = await freePort()
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  run('pg_ctl', ['start', '--pgdata', data, '--wait', '--silent', '--log', join(dir, 'server.log'), '-o', options])
  project.provide('postgresUrl', `postgres://plinto@127.0.0.1:${port}/postgres`)
  return () => {
    run('pg_ctl', ['stop', '--pgdata', data, '--mode', 'immediate', '--silent'])
    rmSync(dir, { recursive: true, force: true })
  }
}
