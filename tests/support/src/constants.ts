// No imports: Storybook's browser bundle reads these too (`@plinto/test-support/constants`).

/** The API URL of every test's client; MSW answers it with the reference server. */
export const API_URL = 'http://localhost:8000'

/** Ada Lovelace, the person most tests sign in as. */
export const EMAIL = 'ada@example.com'

/** The password of every seeded test user (long enough for the server's password policy). */
export const PASSWORD = 'correct horse battery staple'
