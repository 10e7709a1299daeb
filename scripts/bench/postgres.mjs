// A throwaway PostgreSQL cluster for `pnpm bench`, made like the server tests' one
// (packages/server/src/__tests__/postgres-cluster.ts: Debian's initdb in a temporary directory, trust auth,
// 127.0.0.1 only, owned by the `postgres` user when run as root) but with PostgreSQL's default durability
// (fsync on), so it is compared with the embedded store on equal terms. PLINTO_BENCH_DATABASE_URL names a
// server to use instead.
import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function postgresBin() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const major = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0]
  return major && join(root, major, 'bin')
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Resolves with `{ url, stop }`, or with `{ skipped: reason }` when no PostgreSQL is available (the bench
 * then leaves PostgreSQL out and says why).
 */
export async function startPostgres() {
  if (process.env.PLINTO_BENCH_DATABASE_URL) return { url: process.env.PLINTO_BENCH_DATABASE_URL, stop: () => {} }
  const bin = postgresBin()
  if (!bin) {
    return {
      skipped:
        'no PostgreSQL found (Debian package postgresql; `node scripts/ensure-postgres.mjs` installs it), or set PLINTO_BENCH_DATABASE_URL',
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'plinto-bench-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (command, args) => {
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, command), ...args] : args
    const result = spawnSync(asRoot ? 'runuser' : join(bin, command), argv, { encoding: 'utf8' })
    if (result.status !== 0)
      throw new Error(`${command} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`)
  }
  if (asRoot) {
    const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim())
    chownSync(dir, id('-u'), id('-g'))
  }
  const data = join(dir, 'data')
  run('initdb', ['--pgdata', data, '--auth', 'trust', '--username', 'plinto', '--no-instructions'])
  const port = await freePort()
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`
  run('pg_ctl', ['start', '--pgdata', data, '--wait', '--silent', '--log', join(dir, 'server.log'), '-o', options])
  return {
    url: `postgres://plinto@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['stop', '--pgdata', data, '--mode', 'fast', '--silent'])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
