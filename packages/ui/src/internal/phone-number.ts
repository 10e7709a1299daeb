// The one client-side check of a phone number, shared by the SMS second factor's set-up and the account's phone
// verification: the same E.164 rule as the contract's PhoneNumberSchema, checked before anything is sent.

const E164 = /^\+[1-9]\d{6,14}$/

/**
 * A typed phone number in E.164 (spaces, parentheses and hyphens people type are dropped), or undefined when it is
 * not one.
 */
export function toE164(typed: string): string | undefined {
  const number = typed.trim().replace(/[\s()-]/g, '')
  return E164.test(number) ? number : undefined
}
