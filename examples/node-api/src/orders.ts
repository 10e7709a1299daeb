/** An order of the demo data. */
export interface Order {
  id: string
  item: string
  quantity: number
  created_at: string
}

/**
 * Stand-in for your database: every user sees their own orders, keyed by the token's `sub` (the Plinto
 * user ID). Never take the user ID from the request's query or body; the verified token says who it is.
 */
export function ordersOf(userId: string): Order[] {
  const suffix = userId.slice(-6)
  return [
    { id: `ord_${suffix}_1`, item: 'Plinto T-shirt', quantity: 1, created_at: '2026-01-05T10:00:00.000Z' },
    { id: `ord_${suffix}_2`, item: 'Sticker pack', quantity: 3, created_at: '2026-02-11T16:30:00.000Z' },
  ]
}
