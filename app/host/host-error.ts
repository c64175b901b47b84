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
