// The load generator of `pnpm bench`: plain node:http with keep-alive connections, so the client costs as
// little CPU as possible on a machine it shares with the server it measures.
import http from 'node:http'

/** Sends one request; resolves with the status, the parsed JSON body (if any) and the time taken in ms. */
export function request(agent, url, { method = 'GET', path, headers = {}, body } = {}) {
  const target = new URL(path, url)
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        headers: {
          ...headers,
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      },
      (res) => {
        const chunks = []
        res.on('data', (chunk) => chunks.push(chunk))
        res.on('end', () => {
          const ms = performance.now() - started
          const text = Buffer.concat(chunks).toString('utf8')
          let json
          try {
            json = text ? JSON.parse(text) : undefined
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode, json, ms })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (payload) req.write(payload)
    req.end()
  })
}

/** A keep-alive agent with `connections` sockets. */
export function agentFor(connections) {
  return new http.Agent({ keepAlive: true, maxSockets: connections })
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

/**
 * Runs `concurrency` workers, each calling `step(worker)` (which returns one request's result) in a loop
 * for `seconds` after `warmupSeconds` whose results are dropped, and longer if needed until `minRequests`
 * were measured (a slow operation such as a sign-in needs more than a few samples for its p99). A response
 * other than `expectStatus` aborts the run: a benchmark of errors measures nothing.
 */
export async function closedLoop({ concurrency, seconds, warmupSeconds = 1, minRequests = 0, expectStatus, step }) {
  const latencies = []
  let measuring = false
  let stop = false
  let measuredFrom = 0
  const workers = Array.from({ length: concurrency }, async (_, worker) => {
    while (!stop) {
      const result = await step(worker)
      if (result.status !== expectStatus) {
        stop = true
        throw new Error(`expected ${expectStatus}, got ${result.status}: ${JSON.stringify(result.json)}`)
      }
      if (measuring && !stop) latencies.push(result.ms)
    }
  })
  const timers = (async () => {
    await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000))
    measuring = true
    measuredFrom = performance.now()
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
    while (latencies.length < minRequests && !stop) await new Promise((resolve) => setTimeout(resolve, 50))
    stop = true
  })()
  await Promise.all([...workers, timers])
  const elapsed = (performance.now() - measuredFrom) / 1000
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  }
}
