#!/usr/bin/env node
// `pnpm start` (after `pnpm build`): the reference server and examples/react-vite side by side, configured
// for each other, so the app works in a browser without any set-up. Ctrl-C stops both. Plain Node, no
// dependencies. Settings (docs/development.md): PLINTO_PORT, PLINTO_APP_PORT, PLINTO_DATA_DIR,
// VITE_PLINTO_TOKEN_STORAGE; every other PLINTO_* variable reaches the server as usual.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const serverBin = join(root, 'packages/server/dist/bin.js')
const appDir = join(root, 'examples/react-vite')

const apiPort = portFromEnv('PLINTO_PORT', 8000)
const appPort = portFromEnv('PLINTO_APP_PORT', 5173)
const dataDir = resolve(process.env.PLINTO_DATA_DIR || join(root, '.plinto-data'))
// The browser uses `localhost` for both: WebAuthn's RP ID is `localhost`, and in cookie mode the refresh
// cookie is SameSite=Lax, so the app and the API must be the same site. Both still listen on 127.0.0.1 only.
const appUrl = `http://localhost:${appPort}`
const apiUrl = `http://localhost:${apiPort}`
// The app by either name, and the Next.js example's dev server (`next dev` on port 3000).
const appOrigins = [...new Set([appUrl, `http://127.0.0.1:${appPort}`, 'http://localhost:3000'])]

if (apiPort === appPort) fail(`PLINTO_PORT and PLINTO_APP_PORT are both ${apiPort}; give them different ports.`)
if (!existsSync(serverBin)) fail('The packages are not built: run `pnpm build` first (`pnpm start` does).')
if (!existsSync(join(appDir, 'package.json'))) fail(`${appDir} is missing.`)
const viteBin = resolveViteBin()

await assertPortFree(apiPort, 'PLINTO_PORT', 'the reference server')
await assertPortFree(appPort, 'PLINTO_APP_PORT', 'the example app')

const server = startChild(
  'api',
  serverBin,
  [
    '--mode',
    'development', // outbox, dev OAuth provider and contract rate limits on
    '--host',
    '127.0.0.1',
    '--port',
    String(apiPort),
    '--data-dir',
    dataDir,
    '--app-url',
    appUrl, // email links
    '--rp-id',
    'localhost',
    '--email-codes',
    'on', // the example's SignIn and SignUp offer emailed codes
    ...appOrigins.flatMap((origin) => [
      '--allowed-origin',
      origin, // CORS
      '--origin',
      origin, // WebAuthn
      '--allowed-redirect-url',
      `${origin}/auth/callback`, // OAuth and magic links return here
    ]),
  ],
  { cwd: root, env: process.env },
)
// `--logLevel warn`: Vite's banner would advertise http://127.0.0.1:PORT, where passkeys and cookie mode
// do not work (see above); ours below gives the localhost URL. Warnings and errors still show.
const app = startChild(
  'app',
  viteBin,
  ['--host', '127.0.0.1', '--port', String(appPort), '--strictPort', '--logLevel', 'warn'],
  {
    cwd: appDir,
    env: { ...process.env, VITE_PLINTO_API_URL: apiUrl },
  },
)
const children = [
  { child: server, name: 'The reference server', port: apiPort, variable: 'PLINTO_PORT' },
  { child: app, name: 'The example app (Vite)', port: appPort, variable: 'PLINTO_APP_PORT' },
]

let stopping = false
let ready = false
for (const { child, name, port, variable } of children) {
  child.once('exit', (code, signal) => {
    if (stopping) return
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
    const hint = ready
      ? ''
      : ` before it answered on port ${port}. Its output is above; if the port is taken, set ${variable} to another one.`
    void stop(1, `${name} ${how}${hint || '.'} Stopping the other one.`)
  })
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0))

await Promise.all([
  waitUntilAnswering(`http://127.0.0.1:${apiPort}/health`),
  waitUntilAnswering(`http://127.0.0.1:${appPort}/`),
])
if (!stopping) {
  ready = true
  console.log(`
Plinto is running
  App        ${appUrl}
  Dev inbox  ${appUrl}/dev/inbox   (the emails and SMS codes the server "sent")
  API        ${apiUrl}   (the same as JSON: ${apiUrl}/__dev/outbox?to=ADDRESS)
  Data       ${dataDir}   (kept between runs; delete it to start over)
Ctrl-C to stop.
`)
}

function portFromEnv(variable, fallback) {
  const text = process.env[variable]
  if (text === undefined || text === '') return fallback
  const port = Number(text)
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`${variable} must be a port number from 1 to 65535, got "${text}".`)
  return port
}

function resolveViteBin() {
  try {
    const manifest = createRequire(join(appDir, 'package.json')).resolve('vite/package.json')
    return join(dirname(manifest), 'bin', 'vite.js')
  } catch {
    fail(`Vite is not installed in ${appDir}: run \`pnpm install\` first.`)
  }
}

/** Fails early, before starting anything, with the variable to change, rather than half-starting. */
function assertPortFree(port, variable, what) {
  return new Promise((resolvePort) => {
    const probe = createServer()
    probe.once('error', (error) => {
      const reason =
        error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? error.message})`
      fail(
        `Port ${port} for ${what} ${reason} on 127.0.0.1. Stop what uses it, or choose another port: ${variable}=${port + 1} pnpm start`,
      )
    })
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort()))
  })
}

/**
 * Runs a Node script in its own process group (POSIX), so stopping it also stops anything it started, and
 * so a terminal's Ctrl-C reaches only this script, which then stops each child once. Output is prefixed.
 */
function startChild(label, script, args, { cwd, env }) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  })
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`[${label}] ${line}\n`))
  }
  child.on('error', (error) => void stop(1, `Could not start the ${label} process: ${error.message}`))
  return child
}

function signalGroup(child, signal) {
  try {
    if (process.platform === 'win32') child.kill(signal)
    else process.kill(-child.pid, signal)
  } catch (error) {
    if (error.code !== 'ESRCH') throw error // ESRCH: already gone
  }
}

/** Asks both children to stop (both treat SIGTERM as a graceful shutdown), waits for them, and exits. */
async function stop(exitCode, message) {
  if (stopping) {
    // A second Ctrl-C: do not wait for a graceful shutdown.
    for (const { child } of children) signalGroup(child, 'SIGKILL')
    process.exit(exitCode || 130)
  }
  stopping = true
  if (message) console.error(`\n${message}`)
  else console.log('\nStopping…')
  const running = children.filter(({ child }) => child.pid !== undefined)
  const exited = running.map(({ child }) =>
    child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((done) => child.once('exit', done)),
  )
  for (const { child } of running) signalGroup(child, 'SIGTERM')
  const force = setTimeout(() => {
    for (const { child } of running) signalGroup(child, 'SIGKILL')
  }, 10_000)
  await Promise.all(exited)
  clearTimeout(force)
  // Whatever a child started and left behind in its group goes too.
  for (const { child } of running) signalGroup(child, 'SIGKILL')
  if (exitCode === 0) console.log('Stopped.')
  process.exit(exitCode)
}

/**
 * Polls `url` until it answers 2xx; gives up after two minutes (the first Vite start, and the server's first
 * start, which creates its database in the data directory, are slow on a busy machine).
 */
async function waitUntilAnswering(url) {
  const deadline = Date.now() + 120_000
  while (!stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.body?.cancel()
      if (response.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) return stop(1, `${url} did not answer within two minutes. Stopping.`)
    await new Promise((wait) => setTimeout(wait, 200))
  }
}

function fail(message) {
  console.error(`pnpm start: ${message}`)
  process.exit(1)
}
