/**
 * The listener's own log: connection attempts refused before a charger was admitted (bad TLS, wrong
 * path, wrong password, junk). Anyone on the network can cause these, under as many made-up ids as
 * they like, so they go to one file that is bounded and rotated (listener.jsonl, then .1 and .2),
 * never to a session file per id. One descriptor, whatever arrives.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EventRecord } from './records.ts';

export interface ListenerLogOptions {
  readonly dir: string;
  /** Rotate when the current file passes this many bytes. */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one. */
  readonly keep?: number;
  readonly clock?: () => Date;
}

export const LISTENER_LOG_FILE = 'listener.jsonl';

export class ListenerLog {
  private fd: number | undefined;
  private bytes = 0;
  private seq = 0;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly clock: () => Date;
  /** Why the log cannot be written (a full disk): events are then only passed on, never held. */
  problem: string | null = null;

  constructor(private readonly options: ListenerLogOptions) {
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 2;
    this.clock = options.clock ?? (() => new Date());
  }

  get file(): string {
    return join(this.options.dir, LISTENER_LOG_FILE);
  }

  append(charger: string | null, event: { readonly kind: string }): EventRecord {
    const record: EventRecord = { t: 'event', seq: ++this.seq, at: this.clock().toISOString(), charger, leg: 'charger', event };
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    try {
      if (this.fd === undefined) this.open();
      if (this.bytes + line.length > this.maxBytes) this.rotate();
      this.bytes += writeSync(this.fd!, line);
      this.problem = null;
    } catch (err) {
      this.problem = `the listener log cannot be written: ${(err as Error).message}`;
      this.closeFile();
    }
    return record;
  }

  close(): void {
    this.closeFile();
  }

  private open(): void {
    mkdirSync(this.options.dir, { recursive: true });
    this.fd = openSync(this.file, 'a');
    this.bytes = statSync(this.file).size;
  }

  private rotate(): void {
    this.closeFile();
    const numbered = (n: number) => join(this.options.dir, LISTENER_LOG_FILE.replace(/\.jsonl$/, `.${n}.jsonl`));
    rmSync(numbered(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n--) {
      try {
        renameSync(numbered(n), numbered(n + 1));
      } catch {
        // Not there yet: fewer rotations so far.
      }
    }
    if (this.keep >= 1) renameSync(this.file, numbered(1));
    else rmSync(this.file, { force: true });
    this.open();
  }

  private closeFile(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
