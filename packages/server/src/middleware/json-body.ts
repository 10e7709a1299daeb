import type { Context, Env, MiddlewareHandler } from 'hono'
import type { PlintoEnv } from '../env'
import { readJson, type Schema } from '../http/read-body'

/**
 * Validates the JSON request body against `schema` before the route runs; the route reads the result
 * with `c.req.valid('json')`. The rules are {@link readJson}'s: the byte limit (413), a strict JSON
 * content type and valid JSON (400), the schema (422 with one `errors[]` entry per field).
 */
// `E` is inferred from the route it is used on, as for Hono's own `validator()`.
// biome-ignore lint/suspicious/noExplicitAny: the same default as Hono's validator(), so that E is inferred from the route
export function jsonBody<T, E extends Env = any>(
  schema: Schema<T>,
): MiddlewareHandler<E, string, { in: { json: T }; out: { json: T } }> {
  return async (c, next) => {
    const { server } = (c as unknown as Context<PlintoEnv>).var
    c.req.addValidatedData('json', (await readJson(c.req.raw, server.config.bodyLimitBytes, schema)) as object)
    await next()
  }
}
