import { PlintoClient, isPlintoError } from '@plinto/typescript-sdk'

const plinto = new PlintoClient({
  apiUrl: 'http://localhost:8000',
  tokenStorage: { type: 'localStorage', key: 'plinto_auth_token' },
  session: { autoRefresh: true, refreshThreshold: 300 },
})

plinto.on('signedOut', ({ reason }) => console.log('signed out:', reason))

try {
  const { user, tokens } = await plinto.auth.signIn({ email: 'ada@example.com', password: 'correct horse battery' })
  console.log(user.email, tokens.expires_in)
} catch (err) {
  if (!isPlintoError(err)) throw err
  if (err.code === 'MFA_REQUIRED') await plinto.auth.verifyMfaChallenge({ mfa_token: err.mfaToken, code: '000000' })
  else if (err.code === 'RATE_LIMITED') console.log(`try again in ${err.retryAfter} s`)
  else throw err
}

console.log(await plinto.auth.getCurrentUser())
