/** Secrets the host keeps (the local CA's key): where, and how they are read and written. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A secret kept by the host: a file only its user reads, or the OS's protected storage. */
export interface SecretStore {
  /** The secret, or null when none is kept; throws with the reason when one is kept but cannot be read. */
  read(): string | null;
  write(text: string): void;
  /** Where it is kept, in words (for the docs and the errors). */
  readonly where: string;
}

/** A secret in a file that only this user may read (0600): the headless host's store. */
export class FileSecretStore implements SecretStore {
  constructor(readonly file: string) {}
  get where(): string {
    return this.file;
  }
  read(): string | null {
    return existsSync(this.file) ? readFileSync(this.file, 'utf8') : null;
  }
  write(text: string): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileSync(this.file, text, { mode: 0o600 });
  }
}
