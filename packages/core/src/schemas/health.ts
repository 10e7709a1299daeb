import * as z from 'zod/mini'

export const HealthResponseSchema = z.object({ status: z.literal('healthy'), version: z.string(), environment: z.string() })
/** `GET /health` */
export type HealthResponse = z.infer<typeof HealthResponseSchema>

export const OutboxMessageSchema = z.object({
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.nullable(z.string()),
  text: z.string(),
  html: z.nullable(z.string()),
  link: z.nullable(z.string()),
  code: z.nullable(z.string()),
  created_at: z.string(),
})
/** One message in the development outbox (`GET /__dev/outbox`). */
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>
export const OutboxResponseSchema = z.object({ messages: z.array(OutboxMessageSchema) })
