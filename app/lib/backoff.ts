/**
 * Exponential backoff with ±20 % jitter: each retry waits twice as long as the one before, up to a
 * ceiling, and chargers of a site (or the relay's links to one platform) do not retry in lockstep.
 */
export function backoffDelay(retry: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, retry));
  return Math.round(base * (0.8 + random() * 0.4));
}
