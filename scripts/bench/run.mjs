#!/usr/bin/env node
// `pnpm bench`: the reference server's throughput and latency on each store, beside a bare Hono handler that
// only verifies the same ES256 token (the ceiling), and the embedded store's per-request cost at growing
// numbers of stored accounts. A script that prints numbers, not a test: nothing here passes or fails.
//
// Every server is the built plinto-server (packages/server/dist/bin.js) in its own process, in production
// mode (production password hashing: PBKDF2-SHA256, 600,000 iterations) with the rate limits off. Options:
//   --stores memory,embedded,postgres   which stores the throughput table measures (default all three; `none`
//                                       skips the table)
//   --sizes 1000,10000,50000            existing accounts for the growth table (default; `none` skips it)
//   --concurrency 16                    connections of the throughput table
//   --seconds 5                         measured seconds per operation (after 1 s of warm-up)
//   --samples 20                        sequential requests per operation and size in the growth table
import { spawn } from 'node:child_process'
import { pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { agentFor, closedLoop, percentile, request } from './load.mjs'
import { startPostgres } from './postgres.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const serverBin = join(root, 'packages/server/dist/bin.js')
const ceilingScript = fileURLToPath(new URL('ceiling.mjs', import.meta.url))
const PASSWORD = 'correct horse battery staple'
// Addresses unique to this run: a database named by PLINTO_BENCH_DATABASE_URL may hold an earlier run's.
const RUN = Date.now().toString(36)
const ALL_STORES = ['memory', 'embedded', 'postgres']

const { values } = parseArgs({
  options: {
    stores: { type: 'string', default: ALL_STORES.join(',') },
    sizes: { type: 'string', default: '1000,10000,50000' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '5' },
    samples: { type: 'string', default: '20' },
  },
})
const stores = values.stores === 'none' ? [] : values.stores.split(',').filter(Boolean)
for (const store of stores) if (!ALL_STORES.includes(store)) fail(`unknown store "${store}" (${ALL_STORES.join(', ')})`)
const sizes = values.sizes === 'none' ? [] : values.sizes.split(',').map(positiveInteger)
const concurrency = positiveInteger(values.concurrency)
const seconds = positiveInteger(values.seconds)
const samples = positiveInteger(values.samples)
if (!existsSync(serverBin)) fail('the server is not built: run `pnpm bench` (it builds first) or `pnpm build`.')

const children = new Set()
process.on('SIGINT', () => {
  for (const child of children) child.kill('SIGKILL')
  process.exit(130)
})

console.log(`pnpm bench — ${new Date().toISOString()}`)
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`)
console.log(
  `servers: plinto-server --mode production --rate-limit off (production password hashing), one process each; ` +
    `load: ${concurrency} keep-alive connections from this process, ${seconds} s measured after 1 s warm-up\n`,
)

let postgres
if (stores.includes('postgres')) {
  postgres = await startPostgres()
  if (postgres.skipped) console.log(`PostgreSQL skipped: ${postgres.skipped}\n`)
}

try {
  if (stores.length > 0) await throughputTable()
  if (sizes.length > 0) await growthTable()
} finally {
  if (postgres && !postgres.skipped) postgres.stop()
}

async function throughputTable() {
  const rows = []
  // The ceiling: the same kind of token, from a real server, verified by a bare handler.
  {
    const server = await startServer(['--memory'])
    const agent = agentFor(1)
    const signUp = await request(agent, server.url, {
      method: 'POST',
      path: '/api/v1/auth/signup',
      body: { email: `ceiling-${RUN}@example.com`, password: PASSWORD },
    })
    const jwks = await request(agent, server.url, { path: '/.well-known/jwks.json' })
    agent.destroy()
    await server.stop()
    const ceiling = await startProcess(ceilingScript, [], { PLINTO_BENCH_JWKS: JSON.stringify(jwks.json) })
    const load = agentFor(concurrency)
    const token = signUp.json.tokens.access_token
    const result = await closedLoop({
      concurrency,
      seconds,
      expectStatus: 200,
      step: () =>
        request(load, ceiling.url, { path: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } }),
    })
    load.destroy()
    await ceiling.stop()
    rows.push({ store: 'ceiling (bare Hono + jose)', operation: 'GET /auth/me', ...result })
  }
  const ceilingRps = rows[0].rps

  for (const store of stores) {
    const flags = await storeFlags(store)
    if (!flags) continue
    const server = await startServer(flags.args)
    try {
      const agent = agentFor(concurrency)
      const emails = Array.from({ length: concurrency }, (_, i) => `bench-${RUN}-${i}@example.com`)
      const tokens = await Promise.all(
        emails.map(async (email) => {
          const reply = await request(agent, server.url, {
            method: 'POST',
            path: '/api/v1/auth/signup',
            body: { email, password: PASSWORD },
          })
          if (reply.status !== 201) throw new Error(`sign-up answered ${reply.status}: ${JSON.stringify(reply.json)}`)
          return reply.json.tokens
        }),
      )
      const signIn = await closedLoop({
        concurrency,
        seconds,
        minRequests: 2 * concurrency,
        expectStatus: 200,
        step: async (worker) => {
          const reply = await request(agent, server.url, {
            method: 'POST',
            path: '/api/v1/auth/signin',
            body: { email: emails[worker], password: PASSWORD },
          })
          if (reply.status === 200) tokens[worker] = reply.json.tokens
          return reply
        },
      })
      const access = tokens[0].access_token
      const me = await closedLoop({
        concurrency,
        seconds,
        expectStatus: 200,
        step: () =>
          request(agent, server.url, { path: '/api/v1/auth/me', headers: { authorization: `Bearer ${access}` } }),
      })
      // Each connection refreshes its own session's chain, so no two requests present one token.
      const refresh = await closedLoop({
        concurrency,
        seconds,
        expectStatus: 200,
        step: async (worker) => {
          const reply = await request(agent, server.url, {
            method: 'POST',
            path: '/api/v1/auth/refresh',
            body: { refresh_token: tokens[worker].refresh_token },
          })
          if (reply.status === 200) tokens[worker] = reply.json
          return reply
        },
      })
      agent.destroy()
      rows.push({ store: flags.label, operation: 'GET /auth/me', ...me })
      rows.push({ store: flags.label, operation: 'POST /auth/signin', ...signIn })
      rows.push({ store: flags.label, operation: 'POST /auth/refresh', ...refresh })
    } finally {
      await server.stop()
      await flags.cleanup?.()
    }
  }

  const memory = Object.fromEntries(rows.filter((row) => row.store === 'memory').map((row) => [row.operation, row.rps]))
  console.log(
    `Throughput at ${concurrency} connections. × ceiling: GET /auth/me req/s over the bare handler's ` +
      `${ceilingRps.toFixed(0)} req/s (verifying the token is all it does); × memory: req/s over the memory ` +
      "store's for the same operation.\n",
  )
  console.log('| store | operation | req/s | p50 ms | p99 ms | × ceiling | × memory |')
  console.log('|---|---|--:|--:|--:|--:|--:|')
  for (const row of rows) {
    const vsMemory = memory[row.operation] ? (row.rps / memory[row.operation]).toFixed(2) : '–'
    console.log(
      `| ${row.store} | ${row.operation} | ${row.rps.toFixed(1)} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.operation === 'GET /auth/me' ? (row.rps / ceilingRps).toFixed(2) : '–'} | ${row.store.startsWith('ceiling') ? '–' : vsMemory} |`,
    )
  }
  console.log('')
}

async function growthTable() {
  console.log(
    `Embedded store (--data-dir) with existing accounts: p50 of ${samples} sequential requests each, production password hashing.`,
  )
  console.log(
    'The existing accounts (each with a session and a refresh token) are seeded through the one-time import of a ' +
      'plinto-state.json written by this script, with a cheap password hash (1 PBKDF2 iteration) that only the seeded, ' +
      'never-measured accounts carry; the measured requests sign up, sign in and refresh new accounts at 600,000 iterations.\n',
  )
  console.log(
    '| existing accounts | seed + start s | sign-up p50 ms | sign-in p50 ms | refresh p50 ms | GET /auth/me p50 ms |',
  )
  console.log('|--:|--:|--:|--:|--:|--:|')
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'plinto-bench-embedded-'))
    try {
      await writeFile(join(dir, 'plinto-state.json'), JSON.stringify(seedState(size)))
      const started = performance.now()
      const server = await startServer(['--data-dir', dir])
      const seeded = (performance.now() - started) / 1000
      const agent = agentFor(1)
      try {
        const times = { signUp: [], signIn: [], refresh: [], me: [] }
        let tokens
        for (let i = 0; i < samples; i++) {
          const reply = await request(agent, server.url, {
            method: 'POST',
            path: '/api/v1/auth/signup',
            body: { email: `new-${i}@example.com`, password: PASSWORD },
          })
          if (reply.status !== 201) throw new Error(`sign-up answered ${reply.status}`)
          times.signUp.push(reply.ms)
          tokens = reply.json.tokens
        }
        for (let i = 0; i < samples; i++) {
          const reply = await request(agent, server.url, {
            method: 'POST',
            path: '/api/v1/auth/signin',
            body: { email: `new-${i}@example.com`, password: PASSWORD },
          })
          if (reply.status !== 200) throw new Error(`sign-in answered ${reply.status}`)
          times.signIn.push(reply.ms)
        }
        for (let i = 0; i < samples; i++) {
          const reply = await request(agent, server.url, {
            method: 'POST',
            path: '/api/v1/auth/refresh',
            body: { refresh_token: tokens.refresh_token },
          })
          if (reply.status !== 200) throw new Error(`refresh answered ${reply.status}`)
          times.refresh.push(reply.ms)
          tokens = reply.json
        }
        for (let i = 0; i < samples; i++) {
          const reply = await request(agent, server.url, {
            path: '/api/v1/auth/me',
            headers: { authorization: `Bearer ${tokens.access_token}` },
          })
          if (reply.status !== 200) throw new Error(`/auth/me answered ${reply.status}`)
          times.me.push(reply.ms)
        }
        const p50 = (list) => percentile(list, 50).toFixed(1)
        console.log(
          `| ${size.toLocaleString('en-US')} | ${seeded.toFixed(1)} | ${p50(times.signUp)} | ${p50(times.signIn)} | ${p50(times.refresh)} | ${p50(times.me)} |`,
        )
      } finally {
        agent.destroy()
        await server.stop()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  console.log('')
}

/** The state the file store of earlier versions wrote, with `size` accounts, each signed in once. */
function seedState(size) {
  const salt = randomBytes(16)
  const cheapHash = `pbkdf2-sha256$1$${salt.toString('base64url')}$${pbkdf2Sync(PASSWORD, salt, 1, 32, 'sha256').toString('base64url')}`
  const now = Date.now()
  const state = {
    version: 1,
    users: {},
    sessions: {},
    refreshTokens: {},
    emailTokens: {},
    signingKeys: [],
  }
  for (let i = 0; i < size; i++) {
    const id = `usr_seed${i}`
    const email = `seed-${i}@example.com`
    state.users[id] = {
      id,
      email,
      email_normalized: email,
      email_verified: true,
      username: null,
      username_normalized: null,
      first_name: null,
      last_name: null,
      profile_image_url: null,
      password_hash: cheapHash,
      mfa_enabled: false,
      created_at: now,
      updated_at: now,
      last_sign_in_at: now,
    }
    const session = `ses_${randomUUID()}`
    state.sessions[session] = {
      id: session,
      user_id: id,
      created_at: now,
      last_active_at: now,
      expires_at: now + 30 * 86_400_000,
      revoked_at: null,
      revoked_reason: null,
      remember: true,
      ip: '127.0.0.1',
      user_agent: 'bench',
    }
    const hash = randomBytes(32).toString('hex')
    state.refreshTokens[hash] = {
      token_hash: hash,
      session_id: session,
      user_id: id,
      created_at: now,
      expires_at: now + 30 * 86_400_000,
      rotated_at: null,
      successor_box: null,
    }
  }
  return state
}

/** The flags of plinto-server for `store`, or undefined when it cannot run here. */
async function storeFlags(store) {
  if (store === 'memory') return { label: 'memory', args: ['--memory'] }
  if (store === 'embedded') {
    const dir = await mkdtemp(join(tmpdir(), 'plinto-bench-embedded-'))
    return {
      label: 'embedded (--data-dir)',
      args: ['--data-dir', dir],
      cleanup: () => rm(dir, { recursive: true, force: true }),
    }
  }
  if (!postgres || postgres.skipped) return undefined
  return { label: 'PostgreSQL', args: ['--database-url', postgres.url] }
}

/** plinto-server in production mode with the rate limits off. */
function startServer(storeArgs) {
  return startProcess(serverBin, ['--mode', 'production', '--rate-limit', 'off', '--port', '0', ...storeArgs])
}

/** Starts a Node script that prints `listening on URL`; resolves with the URL and a stop() (SIGTERM). */
function startProcess(script, args, env = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('PLINTO_')),
  )
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let output = ''
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      const match = output.match(/listening on (http:\/\/\S+)/)
      if (match)
        resolve({
          url: match[1],
          stop: async () => {
            child.kill('SIGTERM')
            await exited
            children.delete(child)
          },
        })
    })
    child.once('exit', (code) => reject(new Error(`${script} exited ${code} before listening:\n${output}`)))
  })
}

function positiveInteger(text) {
  const number = Number(text)
  if (!Number.isInteger(number) || number < 1) fail(`expected a positive integer, got "${text}"`)
  return number
}

function fail(message) {
  console.error(`pnpm bench: ${message}`)
  process.exit(1)
}
