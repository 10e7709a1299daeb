import type { FieldError } from '@plinto/contract'
import { errors } from '../errors'

// PostgreSQL's text cannot hold U+0000 (it answers "invalid byte sequence"), and a lone UTF-16 surrogate
// has no UTF-8 form (drivers would store U+FFFD instead). Either is refused at the edge, on every store alike,
// so the same input gets the same answer whichever store runs.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const MESSAGE = 'Contains a character that cannot be stored (U+0000 or a lone surrogate)'

/** The `errors[]` entry for a field that holds such a character. */
export function unstorableField(field: string): FieldError {
  return { field, message: MESSAGE }
}

/** True when `text` holds a character no store can keep. */
export function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text)
}

/**
 * Every field of a parsed value (JSON body, form) whose string, or one of whose keys, cannot be stored; `field`
 * uses the dotted path of `toFieldError` (`credential.response.clientDataJSON`), `body` at the top.
 */
export function unstorableFields(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') return isUnstorable(value) ? [unstorableField(path || 'body')] : []
  if (value === null || typeof value !== 'object') return []
  const found: FieldError[] = []
  for (const [key, item] of Object.entries(value)) {
    // A key that cannot be stored is reported as its parent: echoing it back would carry the character along.
    if (isUnstorable(key)) found.push(unstorableField(path || 'body'))
    else found.push(...unstorableFields(item, path ? `${path}.${key}` : key))
  }
  return found
}

/** Throws 422 `VALIDATION_ERROR` naming each field of `fields` that cannot be stored. */
export function refuseUnstorable(fields: FieldError[], detail = 'Invalid request body'): void {
  if (fields.length > 0) throw errors.validation(detail, fields)
}
