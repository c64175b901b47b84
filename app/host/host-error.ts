/** An error crossing the contract: a code the UI can branch on and a message it can show. Browser-safe (no imports). */
export class HostError extends Error {
  constructor(
    readonly code: 'invalid-args' | 'unknown-command' | 'failed' | 'disconnected',
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** A part this host may lack (no relay, no serial ports …): the part, or a HostError saying it is missing. */
export function required<T>(part: T | undefined, missing: string): T {
  if (part === undefined) throw new HostError('failed', missing);
  return part;
}
