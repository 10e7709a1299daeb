/**
 * What the server hands to a {@link Mailer}: an email or SMS, plus the link/code it carries for tooling.
 *
 * @example
 * ```ts
 * const message: OutgoingMessage = {
 *   channel: 'email',
 *   to: 'ada@example.com',
 *   subject: 'Hi',
 *   text: 'Hello',
 *   html: null,
 *   link: null,
 *   code: null,
 * }
 * ```
 */
export interface OutgoingMessage {
  channel: 'email' | 'sms'
  to: string
  subject: string | null
  text: string
  html: string | null
  /** The action link in the message (verification, reset, magic link), if any. */
  link: string | null
  /** A one-time code in the message (SMS), if any. */
  code: string | null
}

/**
 * Sends email and SMS. The server never awaits it on the request path (delivery time must not reveal
 * whether an account exists); failures are logged, not returned to the client.
 *
 * @example
 * ```ts
 * const smtpMailer: Mailer = {
 *   async send(message) {
 *     await smtp.sendMail({ to: message.to, subject: message.subject ?? '', text: message.text })
 *   },
 * }
 * createPlintoApp({ mode: 'production', mailer: smtpMailer })
 * ```
 */
export interface Mailer {
  /**
   * Delivers one email or SMS (`message.channel`); resolve once it is handed over, reject on failure (the server logs
   * the rejection, the client never sees it).
   */
  send(message: OutgoingMessage): Promise<void>
}
