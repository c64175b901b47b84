/**
 * An error whose name is its class's name ("BundleError: …" in a log, `err.name` in a test), so that
 * each kind of error the app raises is one line: `export class BundleError extends NamedError {}`.
 * Given a message (msg`…`), its text is the English and the message is kept as `said`, for the UI to
 * show in the reader's language.
 * (Not for code bundled into the renderer, which is minified; the host's HostError names itself.)
 */
import { render, type Message } from './message.ts';

export class NamedError extends Error {
  readonly said?: Message;

  constructor(message?: string | Message, options?: ErrorOptions) {
    super(message === undefined || typeof message === 'string' ? message : render(message), options);
    this.name = new.target.name;
    if (message !== undefined && typeof message !== 'string') this.said = message;
  }
}
