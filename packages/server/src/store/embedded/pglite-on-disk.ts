// PGlite (PostgreSQL compiled to WebAssembly, in this process) on a directory of the real file system, with
// PostgreSQL's own durability switched back on.
//
// PGlite starts PostgreSQL with `-F` (fsync off), and Emscripten's Node file system has no fsync at all: a
// committed transaction is then in the OS page cache, which survives the process being killed but not a power
// cut or a kernel crash, after which the database could even be inconsistent. Here PostgreSQL runs with fsync
// on and `wal_sync_method=fsync` (Emscripten's own fdatasync does nothing), and the file system's fsync calls
// Node's fdatasyncSync on the real file (what PostgreSQL uses for its WAL on Linux): each commit is on disk
// when its statement resolves, as on a PostgreSQL server, for one flush per commit (2–8 ms on this project's
// CI machine's virtual disk, during which the process waits: PGlite runs on the main thread).
import { fdatasyncSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'

/** Emscripten's view of an open file of its Node file system (only what is used here). */
interface NodeFsStream {
  nfd?: number
}

/** The part of the Emscripten module that the file system's `preRun` hook gets. */
interface EmscriptenModuleLike {
  FS: { filesystems: { NODEFS: { stream_ops: { fsync?: (stream: NodeFsStream) => number } } } }
}

/**
 * Opens (or, if `dir` is empty, creates) a PGlite database in `dir` whose commits are durable. PGlite is
 * loaded here, on first use, so servers on the other stores never load it.
 */
export async function openDurablePglite(dir: string): Promise<PGlite> {
  const [{ PGlite }, { NodeFS }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/nodefs'),
  ])
  class DurableNodeFS extends NodeFS {
    override async init(pg: PGlite, options: Parameters<InstanceType<typeof NodeFS>['init']>[1]) {
      const result = await super.init(pg, options)
      const preRun = result.emscriptenOpts.preRun ?? []
      result.emscriptenOpts.preRun = [
        ...(Array.isArray(preRun) ? preRun : [preRun]),
        (module: unknown) => {
          ;(module as EmscriptenModuleLike).FS.filesystems.NODEFS.stream_ops.fsync = (stream) => {
            if (stream.nfd !== undefined) fdatasyncSync(stream.nfd)
            return 0
          }
        },
      ]
      return result
    }
  }
  const startParams = [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync']
  return PGlite.create({ fs: new DurableNodeFS(dir), startParams })
}
