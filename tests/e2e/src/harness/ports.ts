import { createServer } from 'node:net'

/**
 * A port that is free right now on 127.0.0.1, for servers that must keep one port for the whole run (the
 * example is built against the API's URL, and the API is restarted on the same port). Another process
 * could take it in between; on a test machine that is unlikely, and the start would fail loudly.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port assigned'))
      server.close(() => resolve(address.port))
    })
  })
}
