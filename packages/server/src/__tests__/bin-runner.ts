// Runs plinto-server from source in a child process, as the tests of the bin need it.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url))
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Runs the bin from source (tsx, with the workspace's source condition), as `plinto-server` would run.
 * The child gets this process's environment without its storage and PLINTO_* settings (a DATABASE_URL set
 * on a developer's machine must not change what a test runs against), plus `env`.
 */
export function run(args: string[], env: Record<string, string> = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('PLINTO_')),
  )
  const child = spawn(process.execPath, ['--conditions=@plinto/source', '--import', 'tsx', BIN, ...args], {
    cwd: PACKAGE_DIR,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      for (;;) {
        const match = stdout.match(pattern)
        if (match) return match
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
  }
}
