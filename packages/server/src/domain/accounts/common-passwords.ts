/**
 * Passwords refused outright (NIST SP 800-63B § 5.1.1.2: "values known to be commonly-used"). A short
 * list of the most common ones of 8+ characters from public breach corpora; compared case-insensitively.
 * Only entries of 8..128 characters matter, since shorter ones already fail the length rule.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '87654321', '11111111', '00000000', '88888888',
  '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'qwertyuiop', 'qwerty123', 'qwerty12', 'qwertyui', 'asdfghjkl',
  'asdfasdf', 'zxcvbnm1', 'password', 'password1', 'password12', 'password123', 'password!', 'passw0rd',
  'p@ssw0rd', 'p@ssword', 'iloveyou', 'iloveyou1', 'princess', 'sunshine', 'football', 'baseball',
  'superman', 'whatever', 'trustno1', 'letmein1', 'welcome1', 'welcome123', 'abcd1234', 'abc12345',
  'abcdefgh', 'changeme', 'computer', 'michelle', 'jennifer', 'starwars', 'master12', 'liverpool',
  'chocolate', 'babygirl', 'butterfly', 'monkey123', 'dragon123', 'admin123', 'administrator',
  'internet', 'football1', 'q1w2e3r4', 'zaq12wsx', 'samsung1', 'secret123', 'hello123', 'test1234',
  'testtest', 'plinto123', 'aa123456', 'a1234567', 'qazwsxedc', 'letmein123', 'mustang1', 'shadow12',
])
