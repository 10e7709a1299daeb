/**
 * Resolves after `ms` milliseconds: a pause, for code whose job is not scheduling (the HTTP retry wait, the lock's
 * settle time).
 */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
