import { createOpenApiDocument, type OpenApiDocument } from '@plinto/contract/openapi'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020'
import type { PlintoApp } from '../../app'

// Checks every response of an app against the OpenAPI document it serves: the status must be listed for
// the operation (or, for unlisted routes, be the document's 404), the content type must be one the
// response declares, and a JSON body must match the schema. Test-only: the server suite installs it on
// every app it creates (see openapi-conformance.setup.ts).

interface ResponseObject {
  description: string
  content?: Record<string, { schema?: unknown }>
  headers?: Record<string, unknown>
  $ref?: string
}
interface Route {
  method: string
  template: string
  pattern: RegExp
  literal: boolean
  operation: { operationId: string; responses: Record<string, ResponseObject> }
}
interface Checker {
  document: OpenApiDocument
  routes: Route[]
  ajv: Ajv2020
  validators: Map<string, ValidateFunction>
}

/** What the suite saw: responses checked, operations exercised, and the mismatches. */
export const conformance = { checked: 0, operations: new Set<string>(), violations: [] as string[] }

const checkers = new Map<string, Checker>()

/** Wraps `app.fetch` (which `app.request()` and `startServer` call) so each response is checked. */
export function instrumentApp(app: PlintoApp): PlintoApp {
  const { config } = app.plinto
  const key = `${config.apiBasePath}|${config.mode}`
  let checker = checkers.get(key)
  if (!checker) {
    checker = createChecker(
      createOpenApiDocument({ apiBasePath: config.apiBasePath, includeDevEndpoints: config.mode !== 'production' }),
    )
    checkers.set(key, checker)
  }
  const fetch = app.fetch
  const checked = checker
  app.fetch = async (request: Request, ...rest: unknown[]) => {
    const method = request.method
    const url = request.url
    const preflight = method === 'OPTIONS' && request.headers.has('access-control-request-method')
    const response = await (fetch as (request: Request, ...rest: unknown[]) => Promise<Response>)(request, ...rest)
    const problem = await checkResponse(checked, method, new URL(url).pathname, preflight, response.clone())
    conformance.checked += 1
    if (problem) conformance.violations.push(`${method} ${new URL(url).pathname} → ${response.status}: ${problem}`)
    return response
  }
  return app
}

function createChecker(document: OpenApiDocument): Checker {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
  ajv.addSchema(document as object, 'openapi.json')
  const routes: Route[] = []
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const source = template
        .split(/\{\w+\}/)
        .map(escapeRegExp)
        .join('[^/]+')
      routes.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        literal: !template.includes('{'),
        operation: operation as Route['operation'],
      })
    }
  }
  // A literal path wins over a template that also matches it (`/sessions/current` over `/sessions/{id}`).
  routes.sort((a, b) => Number(b.literal) - Number(a.literal))
  return { document, routes, ajv, validators: new Map() }
}

async function checkResponse(
  checker: Checker,
  method: string,
  path: string,
  preflight: boolean,
  response: Response,
): Promise<string | undefined> {
  const unlisted = checker.document['x-plinto-unlisted-responses'] as { notFound: string; corsPreflight: string }
  const lookup = method === 'HEAD' ? 'GET' : method
  const route = preflight ? undefined : checker.routes.find((r) => r.method === lookup && r.pattern.test(path))
  let spec: ResponseObject | undefined
  let pointer: string
  if (preflight) {
    pointer = unlisted.corsPreflight
    spec = resolve(checker.document, pointer)
    if (response.status !== 204) return `a CORS preflight is documented as 204, got ${response.status}`
  } else if (!route) {
    pointer = unlisted.notFound
    spec = resolve(checker.document, pointer)
    if (response.status !== 404) return `${method} ${path} is not in the document, so it must answer 404`
  } else {
    conformance.operations.add(route.operation.operationId)
    const listed = route.operation.responses[String(response.status)]
    if (!listed)
      return `status ${response.status} is not documented for ${route.operation.operationId} (${method} ${route.template})`
    pointer =
      listed.$ref ?? `#/paths/${escapePointer(route.template)}/${lookup.toLowerCase()}/responses/${response.status}`
    spec = listed.$ref ? resolve(checker.document, listed.$ref) : listed
  }
  if (!spec) return `unresolvable response ${pointer}`
  const text = await response.text()
  if (method === 'HEAD') return undefined
  if (!spec.content)
    return text === '' ? undefined : `the document describes no body, got ${JSON.stringify(text.slice(0, 80))}`
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const media = spec.content[type]
  if (!media) return `content type ${JSON.stringify(type)} is not one of ${Object.keys(spec.content).join(', ')}`
  if (type !== 'application/json') return undefined
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return 'the body is not JSON'
  }
  // Compiled once per component schema (most bodies are a `$ref`), not once per response that uses it.
  const schemaRef = (media.schema as { $ref?: string } | undefined)?.$ref
  const validate = validator(checker, schemaRef ?? `${pointer}/content/${escapePointer(type)}/schema`)
  if (validate(body)) return undefined
  return `body does not match the schema: ${checker.ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 300)}`
}

function validator(checker: Checker, pointer: string): ValidateFunction {
  let validate = checker.validators.get(pointer)
  if (!validate) {
    validate = checker.ajv.compile({ $ref: `openapi.json${pointer}` })
    checker.validators.set(pointer, validate)
  }
  return validate
}

function resolve(document: OpenApiDocument, ref: string): ResponseObject | undefined {
  let node: unknown = document
  for (const part of ref.replace(/^#\//, '').split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return node as ResponseObject | undefined
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
