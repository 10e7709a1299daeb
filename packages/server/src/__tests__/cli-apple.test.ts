import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { parseCli } from '../cli/cli-options'
import { UsageError } from '../cli/values'

let dir: string
let keyFile: string
let pem: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plinto-apple-'))
  pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  keyFile = join(dir, 'AuthKey_KEY7654321.p8')
  await writeFile(keyFile, pem)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const APPLE = { clientId: 'com.example.web', teamId: 'TEAM123456', keyId: 'KEY7654321' }

test('Sign in with Apple from flags: the key is read from its .p8 file', () => {
  const options = parseCli(
    [
      '--oauth-apple-client-id',
      APPLE.clientId,
      '--oauth-apple-team-id',
      APPLE.teamId,
      '--oauth-apple-key-id',
      APPLE.keyId,
      '--oauth-apple-private-key-file',
      keyFile,
    ],
    {},
  )
  expect(options !== 'help' && options.extra.oauth?.apple).toEqual({ ...APPLE, privateKey: pem })
})

test('…or from environment variables', () => {
  const options = parseCli([], {
    PLINTO_OAUTH_APPLE_CLIENT_ID: APPLE.clientId,
    PLINTO_OAUTH_APPLE_TEAM_ID: APPLE.teamId,
    PLINTO_OAUTH_APPLE_KEY_ID: APPLE.keyId,
    PLINTO_OAUTH_APPLE_PRIVATE_KEY_FILE: keyFile,
  })
  expect(options !== 'help' && options.extra.oauth?.apple).toEqual({ ...APPLE, privateKey: pem })
})

test('all four go together; an unreadable or non-PEM key file is a usage error', async () => {
  expect(() => parseCli(['--oauth-apple-client-id', APPLE.clientId], {})).toThrow(UsageError)
  const flags = (file: string) => [
    '--oauth-apple-client-id',
    APPLE.clientId,
    '--oauth-apple-team-id',
    APPLE.teamId,
    '--oauth-apple-key-id',
    APPLE.keyId,
    '--oauth-apple-private-key-file',
    file,
  ]
  expect(() => parseCli(flags(join(dir, 'missing.p8')), {})).toThrow(/cannot read/)
  const notPem = join(dir, 'not-a-key.p8')
  await writeFile(notPem, 'hello')
  expect(() => parseCli(flags(notPem), {})).toThrow(/not a PKCS #8 PEM key/)
})
