/**
 * An error crossing the contract: a code the UI can branch on and a message it can show. Browser-safe
 * (only the pure message module). Said as a message (msg`…`), it keeps the message beside its English
 * text so the UI shows it in the reader's language.
 */
import { render, type Message } from '../lib/message.ts';

export class HostError extends Error {
  /** The message as the host said it, for a reader in another language; absent for plain English. */
  readonly said?: Message;

  constructor(
    readonly code: 'invalid-args' | 'unknown-command' | 'failed' | 'disconnected',
    message: string | Message,
  ) {
    super(typeof message === 'string' ? message : render(message));
    this.name = 'HostError';
    if (typeof message !== 'string') this.said = message;
  }
}

/** A part this host may lack (no relay, no serial ports …): the part, or a HostError saying it is missing. */
export function required<T>(part: T | undefined, missing: string | Message): T {
  if (part === undefined) throw new HostError('failed', missing);
  return part;
}

export { saidOf } from '../lib/message.ts';
