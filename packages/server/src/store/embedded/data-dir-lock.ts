// One process per data directory. PGlite is PostgreSQL in single-user mode inside this process: it takes no
// lock of its own, and a second process opening the same files would corrupt them. A lock file holding the
// owner's PID keeps the second one out; a lock left by a process that no longer runs (killed, crashed) is
// taken over.
import { hostname } from 'node:os'
import { link, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Name of the lock file inside the data directory. */
export const LOCK_FILE = 'plinto.lock'

/** Data directories this process holds: a PID equal to ours is only ours if it is listed here. */
const held = new Set<string>()

/**
 * Thrown by `createEmbeddedStore` when another process (or another store in this one) has the data directory
 * open. Compare `code` (it also works across two copies of the package).
 *
 * @example
 * ```ts
 * try {
 *   await createEmbeddedStore('.plinto-data')
 * } catch (error) {
 *   if ((error as { code?: string }).code === 'DATA_DIR_IN_USE') console.error('Is another plinto-server running?')
 *   throw error
 * }
 * ```
 */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError'
  readonly code = 'DATA_DIR_IN_USE'
  /** The PID written in the lock file. */
  readonly pid: number

  constructor(dir: string, pid: number, host: string) {
    const owner = pid === process.pid ? 'another store of this process' : `another process (PID ${pid} on ${host})`
    super(
      `The data directory ${dir} is in use by ${owner}. The embedded database runs in ` +
        'one process only: stop that server first, or run several servers on PostgreSQL (--database-url). If no ' +
        `such process exists, delete ${join(dir, LOCK_FILE)}.`,
    )
    this.pid = pid
  }
}

/**
 * Takes the lock of `dir` (which must exist) for this process; resolves with its release. Throws
 * {@link DataDirInUseError} while a live process holds it.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, LOCK_FILE)
  if (held.has(file)) throw new DataDirInUseError(dir, process.pid, hostname())
  const content = `${process.pid}\n${hostname()}\n`
  // Written aside, then linked into place: link() fails if the lock exists, and the lock is never seen
  // half-written.
  const temp = join(dir, `${LOCK_FILE}.${process.pid}.${crypto.randomUUID()}`)
  await writeFile(temp, content, { mode: 0o600 })
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, file)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error
      }
      const owner = await readOwner(file)
      if (owner && isRunning(owner.pid)) throw new DataDirInUseError(dir, owner.pid, owner.host)
      // Stale: its process is gone. Removing it races only with another process doing the same, which then
      // fails its link() and finds this process's live lock.
      await rm(file, { force: true })
    }
  } finally {
    await unlink(temp).catch(() => undefined)
  }
  held.add(file)
  return async () => {
    held.delete(file)
    const owner = await readOwner(file)
    if (owner?.pid === process.pid) await rm(file, { force: true })
  }
}

async function readOwner(file: string): Promise<{ pid: number; host: string } | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const [pid, host = 'this machine'] = text.split('\n')
  const number = Number(pid)
  // An unreadable lock (say, cut short by a full disk) names no live owner.
  return Number.isInteger(number) && number > 0 ? { pid: number, host } : undefined
}

/**
 * Whether a process with this PID runs here. Our own PID is not "running" for an unlisted lock: a container
 * restarted after a crash often gets the same PID as before.
 */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
