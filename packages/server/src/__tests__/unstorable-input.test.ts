// Input no store can keep (U+0000, lone surrogates) is a 422 `VALIDATION_ERROR` naming the field on every store,
// for JSON bodies, forms, path ids and query parameters alike: the walk covers every operation of the OpenAPI
// document, on the memory store and on a real PostgreSQL (which answers 500 for a NUL that reaches it).
import { createOpenApiDocument } from '@plinto/contract/openapi'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createMemoryStore, type PlintoApp, type PlintoStore, silentLogger } from '../index'
import { createPostgresStore } from '../node'
import { call, type Reply, signUp, testApp } from './helpers'

const NUL = 'x\u0000y'
const document = createOpenApiDocument({ apiBasePath: '/api/v1', includeDevEndpoints: true })

interface JsonSchema {
  type?: string
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  $ref?: string
}
interface Operation {
  parameters?: { in: string; name: string }[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

const schemaOf = (ref: string) =>
  (document.components as { schemas: Record<string, JsonSchema> }).schemas[ref.split('/').at(-1)!]!

/** A body whose every string field (nested ones included) holds `text`, and the dotted names of those fields. */
function poisoned(schema: JsonSchema, text: string, path = ''): { value: unknown; fields: string[] } {
  if (schema.$ref) return poisoned(schemaOf(schema.$ref), text, path)
  const types = schema.anyOf ? schema.anyOf : [schema]
  const object = types.find((s) => s.type === 'object' && s.properties)
  if (object) {
    const value: Record<string, unknown> = {}
    const fields: string[] = []
    for (const [key, property] of Object.entries(object.properties!)) {
      const inner = poisoned(property, text, path ? `${path}.${key}` : key)
      if (inner.fields.length === 0) continue
      value[key] = inner.value
      fields.push(...inner.fields)
    }
    return { value, fields }
  }
  if (types.some((s) => s.type === 'string')) return { value: text, fields: [path] }
  return { value: undefined, fields: [] }
}

const operations = Object.entries(document.paths).flatMap(([template, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ template, method, operation })),
)

interface Fixture {
  app: PlintoApp
  token: string
  params: Record<string, string>
}

async function fixture(store: PlintoStore): Promise<Fixture> {
  const app = testApp({ store })
  const ada = await signUp(app, `ada.${Date.now()}@example.com`)
  const token = ada.tokens.access_token
  const org = await call(app, 'POST', '/api/v1/organizations', {
    token,
    body: { name: 'Acme', slug: `acme-${Date.now()}` },
  })
  expect(org.status).toBe(201)
  return { app, token, params: { id: org.body.id, userId: ada.user.id, invitationId: 'inv_1', provider: 'dev' } }
}

const pathWith = (template: string, params: Record<string, string>, poison?: string) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === poison ? encodeURIComponent(NUL) : encodeURIComponent(params[name] ?? 'unknown'),
  )

/** Every request of the walk and the fields its 422 must name. */
function walk(f: Fixture, text: string) {
  const requests: { label: string; send: () => Promise<Reply>; fields: string[] }[] = []
  for (const { template, method, operation } of operations) {
    const parameters = operation.parameters ?? []
    for (const p of parameters.filter((p) => p.in === 'path')) {
      const path = pathWith(template, f.params, p.name)
      requests.push({
        label: `${method} ${path}`,
        send: () => call(f.app, method.toUpperCase(), path, { token: f.token }),
        fields: [p.name],
      })
    }
    const path = pathWith(template, f.params)
    for (const p of parameters.filter((p) => p.in === 'query')) {
      const url = `${path}?${new URLSearchParams({ [p.name]: text })}`
      requests.push({
        label: `${method} ${template}?${p.name}`,
        send: () => call(f.app, method.toUpperCase(), url, { token: f.token }),
        fields: [p.name],
      })
    }
    const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? []
    if (!media) continue
    const { value, fields } = poisoned(media.schema, text)
    if (fields.length === 0) continue
    const form = contentType === 'application/x-www-form-urlencoded'
    requests.push({
      label: `${method} ${template} body`,
      send: () =>
        form
          ? call(f.app, method.toUpperCase(), path, {
              token: f.token,
              headers: { 'content-type': contentType },
              raw: new URLSearchParams(value as Record<string, string>).toString(),
            })
          : call(f.app, method.toUpperCase(), path, { token: f.token, body: value }),
      fields,
    })
  }
  return requests
}

function suite(name: string, open: () => Promise<PlintoStore>) {
  describe(name, () => {
    let store: PlintoStore
    beforeAll(async () => {
      store = await open()
    })
    afterAll(() => store?.close())

    test('every path id, query parameter and body field with U+0000 is a 422 naming it', async () => {
      const f = await fixture(store)
      const requests = walk(f, NUL)
      // Every body, path and query parameter of the document: a walk that lost its routes would prove nothing.
      expect(requests.length).toBeGreaterThanOrEqual(45)
      const wrong: string[] = []
      for (const request of requests) {
        const res = await request.send()
        const named = (res.body?.errors ?? []).map((e: { field: string }) => e.field).sort()
        if (res.status !== 422 || res.body?.error_code !== 'VALIDATION_ERROR')
          wrong.push(`${request.label} → ${res.status} ${res.body?.error_code}`)
        else if (JSON.stringify(named) !== JSON.stringify([...request.fields].sort()))
          wrong.push(`${request.label} named ${named.join(',')} instead of ${request.fields.join(',')}`)
      }
      expect(wrong).toEqual([])
      // Nothing was changed: the account, its organization and its session are still there.
      expect((await call(f.app, 'GET', `/api/v1/organizations/${f.params.id}`, { token: f.token })).status).toBe(200)
    })

    test('lone surrogates are refused too; a surrogate pair (an emoji) is stored as sent', async () => {
      const f = await fixture(store)
      for (const text of ['\uD800', 'a\uDC00b']) {
        const res = await call(f.app, 'PATCH', '/api/v1/users/me', { token: f.token, body: { first_name: text } })
        expect(res.status).toBe(422)
        expect(res.body.errors).toEqual([{ field: 'first_name', message: expect.any(String) }])
      }
      const res = await call(f.app, 'PATCH', '/api/v1/users/me', { token: f.token, body: { first_name: 'Ada 🚀' } })
      expect(res.status).toBe(200)
      expect(res.body.first_name).toBe('Ada 🚀')
    })
  })
}

suite('on the memory store', async () => createMemoryStore())

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('on a real PostgreSQL', () => {
  suite('PostgreSQL store', () =>
    createPostgresStore({
      connectionString: realDatabase!,
      schema: `plinto_unstorable_${Date.now()}`,
      logger: silentLogger,
    }))
})
