/**
 * A minimal CBOR encoder (RFC 8949) for what WebAuthn authenticators emit: unsigned and negative
 * integers, byte strings, text strings, arrays and maps (map keys in insertion order, as authenticators
 * write them; CTAP2 canonical ordering is the caller's job). No floats, tags or indefinite lengths.
 *
 * @example
 * ```ts
 * encodeCbor(new Map<CborValue, CborValue>([['fmt', 'none'], ['attStmt', new Map()]]))
 * ```
 */
export type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue>

/**
 * Encodes a value as CBOR.
 *
 * @example
 * ```ts
 * encodeCbor(new Map([[1, 2], [3, -7]])) // Uint8Array [0xa2, 0x01, 0x02, 0x03, 0x26]
 * ```
 */
export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = []
  write(out, value)
  return new Uint8Array(out)
}

function write(out: number[], value: CborValue): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('Only integers can be encoded')
    if (value >= 0) head(out, 0, value)
    else head(out, 1, -1 - value)
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value)
    head(out, 3, bytes.length)
    out.push(...bytes)
  } else if (value instanceof Uint8Array) {
    head(out, 2, value.length)
    for (const byte of value) out.push(byte)
  } else if (Array.isArray(value)) {
    head(out, 4, value.length)
    for (const item of value) write(out, item)
  } else {
    head(out, 5, value.size)
    for (const [key, item] of value) {
      write(out, key)
      write(out, item)
    }
  }
}

function head(out: number[], major: number, length: number): void {
  const type = major << 5
  if (length < 24) out.push(type | length)
  else if (length < 0x100) out.push(type | 24, length)
  else if (length < 0x10000) out.push(type | 25, length >> 8, length & 0xff)
  else if (length < 0x100000000)
    out.push(type | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff)
  else throw new RangeError('CBOR lengths above 2^32 are not supported')
}
