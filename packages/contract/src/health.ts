import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

/** The response of `GET /health`; {@link HealthResponse} is its type. */
export const HealthResponseSchema = /* @__PURE__ */ z.object({
  status: /* @__PURE__ */ z.literal('healthy'),
  version: /* @__PURE__ */ z.string(),
  environment: /* @__PURE__ */ z.string(),
})
/** `GET /health` */
export type HealthResponse = z.infer<typeof HealthResponseSchema>

/** One message in the response of the development outbox, `GET /__dev/outbox`; {@link OutboxMessage} is its type. */
export const OutboxMessageSchema = /* @__PURE__ */ z.object({
  channel: /* @__PURE__ */ z.enum(['email', 'sms']),
  to: /* @__PURE__ */ z.string(),
  subject: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  text: /* @__PURE__ */ z.string(),
  html: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  link: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  code: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  created_at: /* @__PURE__ */ z.string(),
})
/** One message in the development outbox (`GET /__dev/outbox`). */
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>
/** The response of the development outbox, `GET /__dev/outbox`: `{ messages }`, each an {@link OutboxMessageSchema}. */
export const OutboxResponseSchema = /* @__PURE__ */ z.object({ messages: /* @__PURE__ */ z.array(OutboxMessageSchema) })
