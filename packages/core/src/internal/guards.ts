// Type guards shared by the configuration check and the error-body parser.

/** A plain record to read fields from: an object, not `null`, not an array. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
