import { spawn } from 'node:child_process'

/**
 * Runs a Node script to completion (a build), its stdout passed through to the test output. Resolves when
 * it exits 0; otherwise rejects with `what`, the exit code and what the script printed to stderr.
 */
export async function runNodeScript(
  what: string,
  script: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'inherit', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) throw new Error(`${what} failed with exit ${code}:\n${stderr}`)
}
