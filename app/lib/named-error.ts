/**
 * An error whose name is its class's name ("BundleError: …" in a log, `err.name` in a test), so that
 * each kind of error the app raises is one line: `export class BundleError extends NamedError {}`.
 * (Not for code bundled into the renderer, which is minified; the host's HostError names itself.)
 */
export class NamedError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
