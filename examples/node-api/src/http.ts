import type { IncomingMessage, ServerResponse } from 'node:http'

/** Answers with a JSON body. Errors use the Plinto error shape, `{ error_code, detail }`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export function sendError(
  res: ServerResponse,
  status: number,
  errorCode: string,
  detail: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error_code: errorCode, detail }, headers)
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError'
}

/**
 * The request body exactly as it arrived, as bytes: what a webhook signature is computed over. Stops
 * reading (and rejects) past `limit` bytes, whatever `Content-Length` claims.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new PayloadTooLargeError(`body over ${limit} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
