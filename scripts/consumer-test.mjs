#!/usr/bin/env node
// The packages as a new user gets them (in `pnpm test`, after `pnpm build`): packs every published package,
// installs the tarballs with npm into fresh projects under the OS temp folder (outside the workspace, so
// nothing resolves through pnpm's links), and checks
//   - a Vite React TypeScript app whose src/main.tsx is @plinto/ui's README quick start (and which also
//     compiles @plinto/react's quick start): tsc with `moduleResolution: bundler`, then `vite build`;
//   - a Node project: an ESM script (the SDK against the packed reference server) and a CommonJS script
//     (`require` of the SDK and of its /server entry), type-checked with `node16` resolution, compiled and
//     run; the core and server READMEs' examples type-check there too;
//   - a Next.js App Router app on @plinto/nextjs (the gate in proxy.ts, its provider in the root layout, the
//     session route, auth() and currentUser()): `next build`, which type-checks with bundler resolution;
//   - npm's install output has no peer-dependency warning, `npm ls` is clean, and the app has one copy of
//     the SDK.
// Prints one line per check and ends with `consumer: N passed, M failed`. `--keep` keeps the temp folder.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { packPackages } from './pack-check.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const keep = process.argv.includes('--keep')
const started = Date.now()
const scratch = mkdtempSync(join(tmpdir(), 'plinto-consumer-'))

// Versions that work together on Node 20 (docs: /work/shared/TOOLCHAIN.md at the time of writing).
const VERSIONS = {
  react: '^19.2.0',
  'react-dom': '^19.2.0',
  '@types/react': '^19.2.0',
  '@types/react-dom': '^19.2.0',
  '@types/node': '^20.19.43',
  typescript: '~6.0.3',
  vite: '^8.3.8',
  '@vitejs/plugin-react': '^6.3.0',
  next: '~16.4.6', // as examples/nextjs
  // The oldest major @plinto/nextjs supports: its gate is middleware.ts, on the edge runtime.
  next15: '~15.5.29',
}

let passed = 0
let failed = 0
function report(name, ok, detail = '') {
  if (ok) passed++
  else failed++
  console.log(`${ok ? '✓' : '✗'} ${name}${!ok && detail ? `\n${detail.trimEnd().replace(/^/gm, '    ')}` : ''}`)
  return ok
}

/** Runs a command; resolves `{ code, output }` (stdout and stderr interleaved). Never rejects. */
function run(command, args, cwd, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => resolve({ code: -1, output: `${output}${error.message}` }))
    child.on('close', (code) => resolve({ code, output }))
  })
}

/** The first fenced block of `lang` after the `## Quick start` heading of a package's README. */
function quickStart(packageDir, lang) {
  const readme = readFileSync(join(root, 'packages', packageDir, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Quick start'))
  const match = section.match(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``))
  if (!match) throw new Error(`packages/${packageDir}/README.md: no \`\`\`${lang} block under "## Quick start"`)
  return match[1]
}

/** Every fenced block of `lang` in a README, in order. */
function blocks(packageDir, lang) {
  const readme = readFileSync(join(root, 'packages', packageDir, 'README.md'), 'utf8')
  return [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1])
}

function writeFiles(dir, files) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
}

/** npm install, then the checks every project shares. Returns whether the project is usable. */
async function install(name, dir) {
  const { code, output } = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn'], dir)
  if (!report(`${name}: npm install`, code === 0, code === 0 ? '' : output)) return false
  const peerWarnings = output.split('\n').filter((line) => /peer/i.test(line))
  report(`${name}: no peer-dependency warnings`, peerWarnings.length === 0, peerWarnings.join('\n'))
  const ls = await run('npm', ['ls', '--all'], dir)
  report(
    `${name}: npm ls --all is clean`,
    ls.code === 0,
    ls.code === 0
      ? ''
      : ls.output
          .split('\n')
          .filter((l) => /invalid|missing|ERR|UNMET/i.test(l))
          .join('\n'),
  )
  const sdk = await run('npm', ['ls', '@plinto/typescript-sdk', '--all', '--parseable'], dir)
  const copies = new Set(sdk.output.split('\n').filter((line) => line.includes('@plinto/typescript-sdk')))
  report(`${name}: one copy of @plinto/typescript-sdk`, copies.size === 1, [...copies].join('\n'))
  return true
}

async function viteApp(tarballs) {
  const dir = join(scratch, 'vite-app')
  writeFiles(dir, {
    'package.json': {
      name: 'consumer-vite-app',
      private: true,
      type: 'module',
      dependencies: {
        '@plinto/contract': `file:${tarballs['@plinto/contract']}`,
        '@plinto/typescript-sdk': `file:${tarballs['@plinto/typescript-sdk']}`,
        '@plinto/react': `file:${tarballs['@plinto/react']}`,
        '@plinto/ui': `file:${tarballs['@plinto/ui']}`,
        react: VERSIONS.react,
        'react-dom': VERSIONS['react-dom'],
      },
      devDependencies: Object.fromEntries(
        ['@types/react', '@types/react-dom', 'typescript', 'vite', '@vitejs/plugin-react'].map((dep) => [
          dep,
          VERSIONS[dep],
        ]),
      ),
    },
    'index.html':
      '<!doctype html>\n<html lang="en">\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>\n  </body>\n</html>\n',
    'vite.config.ts':
      "import react from '@vitejs/plugin-react'\nimport { defineConfig } from 'vite'\n\nexport default defineConfig({ plugins: [react()] })\n",
    'tsconfig.json': {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['vite/client'],
        isolatedModules: true,
      },
      include: ['src'],
    },
    // The README quick starts, pasted as they are.
    'src/main.tsx': quickStart('ui', 'tsx'),
    'src/react-quick-start.tsx': quickStart('react', 'tsx'),
  })
  if (!(await install('vite app', dir))) return
  const tsc = await run('npx', ['tsc', '-p', '.'], dir)
  report(
    'vite app: tsc (moduleResolution bundler) on the README quick starts',
    tsc.code === 0,
    tsc.code === 0 ? '' : tsc.output,
  )
  const build = await run('npx', ['vite', 'build', '--logLevel', 'warn'], dir)
  const assets = existsSync(join(dir, 'dist/assets')) ? readdirSync(join(dir, 'dist/assets')) : []
  const built = build.code === 0 && assets.some((f) => f.endsWith('.js')) && assets.some((f) => f.endsWith('.css'))
  report(
    'vite app: vite build (JS and the styles.css)',
    built,
    built ? '' : `${build.output}\nassets: ${assets.join(', ')}`,
  )
}

// The Node scripts run against the reference server from the tarball, on a free port.
const ESM_SCRIPT = `import assert from 'node:assert/strict'
import { PlintoClient, isPlintoError } from '@plinto/typescript-sdk'
import { verifyAccessToken } from '@plinto/typescript-sdk/server'
import { createPostgresStore, startServer } from '@plinto/server/node'

const server = await startServer({ port: 0, mode: 'test' })
try {
  const plinto = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
  const { user } = await plinto.auth.signUp({ email: 'ada@example.com', password: 'correct horse battery' })
  assert.equal(user.email, 'ada@example.com')
  const me = await plinto.auth.getCurrentUser()
  assert.equal(me?.id, user.id)
  const token = await plinto.getAccessToken()
  assert.ok(token)
  const claims = await verifyAccessToken(token, { apiUrl: server.url, issuer: 'plinto', audience: 'plinto' })
  assert.equal(claims.sub, user.id)
  const wrong = await plinto.auth.signIn({ email: 'ada@example.com', password: 'wrong password!' }).catch((error: unknown) => error)
  assert.ok(isPlintoError(wrong) && wrong.code === 'INVALID_CREDENTIALS', String(wrong))
  plinto.dispose()
} finally {
  await server.close()
}

// pg is an optional peer dependency, not installed here: the PostgreSQL store says what to install.
const missing = await createPostgresStore({ connectionString: 'postgres://localhost:1/none' }).catch((error: unknown) => error)
assert.deepEqual(
  { name: (missing as Error).name, code: (missing as { code?: string }).code, packageName: (missing as { packageName?: string }).packageName },
  { name: 'MissingDependencyError', code: 'MISSING_DEPENDENCY', packageName: 'pg' },
)
assert.match((missing as Error).message, /npm install pg/)
console.log('esm ok')
`

const CJS_SCRIPT = `import assert = require('node:assert/strict')
import sdk = require('@plinto/typescript-sdk')
import sdkServer = require('@plinto/typescript-sdk/server')

async function main() {
  const plinto = new sdk.PlintoClient({ apiUrl: 'http://localhost:8000', tokenStorage: { type: 'memory' } })
  assert.equal(await plinto.auth.getCurrentUser(), null) // signed out: null, and no request
  plinto.dispose()

  const body = JSON.stringify({
    id: 'evt_1',
    event: 'user.created',
    timestamp: new Date().toISOString(),
    data: { user: { id: 'usr_1' } },
  })
  const signature = await sdkServer.signWebhookPayload(body, 'whsec_test')
  assert.equal((await sdkServer.verifyWebhookSignature(body, signature, 'whsec_test')).id, 'evt_1')
  const refused = await sdkServer.verifyWebhookSignature(body, signature, 'another secret').catch((error) => error)
  assert.ok(refused instanceof sdkServer.WebhookVerificationError)
  assert.equal(refused.code, 'INVALID_SIGNATURE')
  assert.ok(sdkServer.isPlintoError(new sdk.PlintoError('NETWORK_ERROR', 'offline')))
  console.log('cjs ok')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
`

// A Next.js App Router app on @plinto/nextjs, as its README sets it up: the gate in proxy.ts, the provider in the
// root layout (a server component rendering the package's client provider), the session route, auth() in a
// route handler and a page, and @plinto/ui's components in server components. `next build` type-checks (bundler
// resolution, skipLibCheck off) and builds.
const NEXT_FILES = {
  'next.config.ts':
    "import type { NextConfig } from 'next'\n\nconst nextConfig: NextConfig = {}\nexport default nextConfig\n",
  'proxy.ts': `import { plintoMiddleware } from '@plinto/nextjs/server'

export default plintoMiddleware({ protectedRoutes: ['/dashboard(.*)', '/api/me'] })
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] }
`,
  'app/layout.tsx': `import '@plinto/ui/styles.css'
import { PlintoProvider } from '@plinto/nextjs'
import type { ReactNode } from 'react'

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <PlintoProvider>{children}</PlintoProvider>
      </body>
    </html>
  )
}
`,
  'app/page.tsx': `import { SignedIn, SignedOut, SignIn, UserButton } from '@plinto/ui'

export default function Page() {
  return (
    <main>
      <SignedOut>
        <SignIn redirectUrl="/" />
      </SignedOut>
      <SignedIn>
        <UserButton afterSignOutUrl="/" />
      </SignedIn>
    </main>
  )
}
`,
  'app/sign-in/page.tsx': `import { RedirectWhenSignedIn } from '@plinto/nextjs/client'
import { SignIn } from '@plinto/ui'

export default function SignInPage() {
  return (
    <RedirectWhenSignedIn redirectUrl="/dashboard">
      <SignIn />
    </RedirectWhenSignedIn>
  )
}
`,
  'app/dashboard/page.tsx': `import { auth, currentUser } from '@plinto/nextjs/server'

export default async function Dashboard() {
  const { sessionId, has } = (await auth()).protect()
  const user = await currentUser()
  return <p>{user?.email} {sessionId} {has({ role: 'admin' }) ? 'admin' : 'not admin'}</p>
}
`,
  'app/api/session/route.ts': `import { sessionRoute } from '@plinto/nextjs/server'

export const { POST, DELETE } = sessionRoute()
`,
  'app/api/me/route.ts': `import { auth } from '@plinto/nextjs/server'
import { isPlintoError, verifyAccessToken } from '@plinto/typescript-sdk/server'

export async function GET(request: Request) {
  const { userId, orgRole } = await auth()
  if (userId) return Response.json({ sub: userId, orgRole })
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
  try {
    const claims = await verifyAccessToken(token, { apiUrl: 'https://api.example.com', issuer: 'plinto', audience: 'plinto' })
    return Response.json({ sub: claims.sub })
  } catch (error) {
    if (isPlintoError(error)) return Response.json({ error_code: error.code }, { status: 401 })
    throw error
  }
}
`,
}

/** The Next.js app on `next` (a version range); Next 15 names the gate's file middleware.ts, 16 proxy.ts. */
async function nextApp(tarballs, { label, next, gateFile, extraFiles = {} }) {
  const dir = join(scratch, label.replaceAll(' ', '-'))
  const { 'proxy.ts': gate, ...files } = NEXT_FILES
  writeFiles(dir, {
    'package.json': {
      name: `consumer-${label.replaceAll(' ', '-')}`,
      private: true,
      dependencies: {
        '@plinto/contract': `file:${tarballs['@plinto/contract']}`,
        '@plinto/typescript-sdk': `file:${tarballs['@plinto/typescript-sdk']}`,
        '@plinto/react': `file:${tarballs['@plinto/react']}`,
        '@plinto/ui': `file:${tarballs['@plinto/ui']}`,
        '@plinto/nextjs': `file:${tarballs['@plinto/nextjs']}`,
        next,
        react: VERSIONS.react,
        'react-dom': VERSIONS['react-dom'],
      },
      devDependencies: Object.fromEntries(
        ['@types/react', '@types/react-dom', '@types/node', 'typescript'].map((dep) => [dep, VERSIONS[dep]]),
      ),
    },
    'tsconfig.json': {
      compilerOptions: {
        target: 'ES2022',
        lib: ['DOM', 'DOM.Iterable', 'ESNext'], // Next's own types use ES2024's PromiseWithResolvers
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        allowJs: true,
        isolatedModules: true,
        skipLibCheck: false,
        esModuleInterop: true,
        resolveJsonModule: true,
        incremental: false,
        plugins: [{ name: 'next' }],
      },
      include: ['next-env.d.ts', 'app', gateFile, 'next.config.ts', '.next/types/**/*.ts', '.next/dev/types/**/*.ts'],
      exclude: ['node_modules'],
    },
    ...files,
    ...extraFiles,
    [gateFile]: gate,
  })
  if (!(await install(label, dir))) return
  const build = await run('npx', ['next', 'build'], dir, { NEXT_TELEMETRY_DISABLED: '1' })
  const ok = build.code === 0 && existsSync(join(dir, '.next/BUILD_ID'))
  report(
    `${label}: next build on @plinto/nextjs (type-check with bundler resolution, App Router, ${gateFile}, route handlers)`,
    ok,
    build.output,
  )
}

async function nodeProject(tarballs) {
  const dir = join(scratch, 'node-app')
  const [coreReadme] = [quickStart('core', 'ts')]
  const serverReadme = blocks('server', 'ts')[0]
  writeFiles(dir, {
    'package.json': {
      name: 'consumer-node-app',
      private: true,
      type: 'module',
      dependencies: {
        '@plinto/contract': `file:${tarballs['@plinto/contract']}`,
        '@plinto/typescript-sdk': `file:${tarballs['@plinto/typescript-sdk']}`,
        '@plinto/server': `file:${tarballs['@plinto/server']}`,
      },
      devDependencies: { typescript: VERSIONS.typescript, '@types/node': VERSIONS['@types/node'] },
    },
    'tsconfig.json': {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'node16',
        moduleResolution: 'node16',
        strict: true,
        skipLibCheck: false,
        types: ['node'],
        rootDir: 'src',
        outDir: 'out',
      },
      include: ['src'],
    },
    'src/esm.mts': ESM_SCRIPT,
    'src/cjs.cts': CJS_SCRIPT,
    // Type-checked only: they talk to servers that are not there.
    'src/readme-core.mts': `const password = 'correct horse battery'\nconst token = ''\nconst rawBody = ''\nconst request = new Request('http://localhost/')\n${coreReadme}\n${blocks('core', 'ts')[1] ?? ''}\nexport {}\n`,
    'src/readme-server.mts': serverReadme,
  })
  if (!(await install('node project', dir))) return
  const tsc = await run('npx', ['tsc', '-p', '.'], dir)
  report(
    'node project: tsc (module/moduleResolution node16): ESM, CommonJS and README examples',
    tsc.code === 0,
    tsc.code === 0 ? '' : tsc.output,
  )
  if (tsc.code !== 0) return
  const esm = await run(process.execPath, ['out/esm.mjs'], dir)
  report(
    'node project: ESM script runs (sign-up against the packed server, verifyAccessToken, pg missing → MISSING_DEPENDENCY)',
    esm.code === 0 && esm.output.includes('esm ok'),
    esm.output,
  )
  const cjs = await run(process.execPath, ['out/cjs.cjs'], dir)
  report(
    'node project: CommonJS script runs (require of the SDK and of its /server entry)',
    cjs.code === 0 && cjs.output.includes('cjs ok'),
    cjs.output,
  )
}

try {
  const packageDirs = readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir))
    .filter(
      (dir) =>
        existsSync(join(dir, 'package.json')) && !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private,
    )
  for (const dir of packageDirs)
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${dir}/dist is missing: run pnpm build first`)
  const packed = packPackages(packageDirs, join(scratch, 'tarballs'))
  const tarballs = Object.fromEntries(packed.map(({ name, tarball }) => [name, tarball]))
  console.log(`consumer: packed ${packed.length} packages into ${scratch}`)
  await Promise.all([
    viteApp(tarballs),
    nodeProject(tarballs),
    nextApp(tarballs, { label: 'next app', next: VERSIONS.next, gateFile: 'proxy.ts' }),
    nextApp(tarballs, {
      label: 'next 15 app',
      next: VERSIONS.next15,
      gateFile: 'middleware.ts',
      // Next 15 declares no CSS modules for TypeScript 6, which checks side-effect imports (styles.css) too.
      extraFiles: { 'app/css.d.ts': "declare module '*.css'\n" },
    }),
  ])
} catch (error) {
  report('consumer test set-up', false, String(error?.stack ?? error))
} finally {
  if (keep) console.log(`kept: ${scratch}`)
  else rmSync(scratch, { recursive: true, force: true })
}
console.log(`consumer: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`)
process.exitCode = failed > 0 ? 1 : 0
