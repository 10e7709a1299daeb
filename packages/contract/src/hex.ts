/**
 * Lower-case hex of `bytes`, the encoding of `X-Plinto-Signature`.
 *
 * For example:
 * ```ts
 * toHex(new Uint8Array([0, 171, 255])) // '00abff'
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/**
 * Whether `candidate` is the hex encoding of `expected` (either letter case), compared in constant time.
 *
 * It never leaves the loop early: every one of the `2 × expected.length` positions is decoded and compared,
 * whatever the candidate's length or content, and mismatches are OR-ed into one accumulator that is only
 * read at the end. Decoding is branch-free (the libsodium `sodium_hex2bin` technique), so a non-hex
 * character costs the same as a wrong digit. A candidate that is too short reads `NaN` past its end, which
 * decodes as invalid; one that is too long fails on the length term.
 *
 * For example:
 * ```ts
 * equalsHex(new Uint8Array([0xab]), 'AB') // true
 * equalsHex(new Uint8Array([0xab]), 'ab0') // false
 * ```
 */
export function equalsHex(expected: Uint8Array, candidate: string): boolean {
  const digits = expected.length * 2
  let diff = candidate.length ^ digits
  for (let i = 0; i < digits; i++) {
    const code = candidate.charCodeAt(i)
    // Digits: code ^ 0x30 is 0..9 exactly for '0'..'9'. The mask is all ones when (value - 10) is negative.
    const num = code ^ 0x30
    const numMask = -((num - 10) >>> 31)
    // Letters: clearing bit 5 folds 'a'..'f' onto 'A'..'F'; minus 55 maps them to 10..15, and the mask is
    // all ones when exactly one of (value - 10) and (value - 16) is negative.
    const alpha = (code & ~0x20) - 55
    const alphaMask = -(((alpha - 10) ^ (alpha - 16)) >>> 31)
    const nibble = (numMask & num) | (alphaMask & alpha)
    // 1 when the character is neither a digit nor a letter a–f (both masks zero), else 0.
    const invalid = (numMask | alphaMask) + 1
    const byte = expected[i >> 1] as number
    const want = (i & 1) === 0 ? byte >> 4 : byte & 0x0f
    diff |= (nibble ^ want) | (invalid << 8)
  }
  return diff === 0
}
