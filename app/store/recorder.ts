/**
 * Appends a session's records to its file as they pass. Each record is written with one write(2),
 * so a process killed with SIGKILL loses at most the record in flight. A failed write (a full disk,
 * a vanished folder) keeps the records in memory, reports once, and retries on the next append.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RECORDING_VERSION, type RecordInput, type SessionHeader, type SessionRecord, type SessionSource } from './records.ts';

export interface RecorderOptions {
  readonly dir: string;
  /** Write to this file instead of <dir>/<id>.jsonl. */
  readonly file?: string;
  readonly chargerId: string | null;
  readonly source: SessionSource;
  readonly appVersion: string;
  readonly clock?: () => Date;
  /** Called when writing starts failing (with the reason) and again when it recovers (with null). */
  readonly onWriteProblem?: (problem: Error | null) => void;
}

/** Records kept in memory while the disk refuses them; beyond this the oldest are dropped and counted. */
const MAX_BACKLOG = 100_000;

export class SessionRecorder {
  readonly header: SessionHeader;
  readonly file: string;
  private fd: number | undefined;
  private seq = 0;
  private backlog: string[] = [];
  private failing = false;
  private droppedRecords = 0;
  private readonly clock: () => Date;

  constructor(private readonly options: RecorderOptions) {
    this.clock = options.clock ?? (() => new Date());
    const started = this.clock();
    const id = sessionId(started, options.chargerId);
    this.file = options.file ?? join(options.dir, `${id}.jsonl`);
    this.header = { t: 'session', v: RECORDING_VERSION, id, chargerId: options.chargerId, source: options.source, started: started.toISOString(), app: options.appVersion };
    this.write(`${JSON.stringify(this.header)}\n`);
  }

  get id(): string {
    return this.header.id;
  }

  /** Records waiting in memory for the disk to take them again. */
  get pending(): number {
    return this.backlog.length;
  }

  /** Records that could not be written and were dropped because the backlog was full. */
  get dropped(): number {
    return this.droppedRecords;
  }

  append(input: RecordInput): SessionRecord {
    const record = { ...input, seq: ++this.seq, at: this.clock().toISOString() } as SessionRecord;
    this.write(`${JSON.stringify(record)}\n`);
    return record;
  }

  close(): void {
    this.flushBacklog();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private write(line: string): void {
    if (this.backlog.length > 0 && !this.flushBacklog()) {
      this.keep(line);
      return;
    }
    try {
      writeSync(this.openFd(), line);
      if (this.failing) {
        this.failing = false;
        this.options.onWriteProblem?.(null);
      }
    } catch (err) {
      this.keep(line);
      this.fail(err as Error);
    }
  }

  private flushBacklog(): boolean {
    try {
      while (this.backlog.length > 0) {
        writeSync(this.openFd(), this.backlog[0]!);
        this.backlog.shift();
      }
      return true;
    } catch (err) {
      this.fail(err as Error);
      return false;
    }
  }

  private openFd(): number {
    if (this.fd === undefined) {
      mkdirSync(this.options.dir, { recursive: true });
      this.fd = openSync(this.file, 'a');
    }
    return this.fd;
  }

  private keep(line: string): void {
    this.backlog.push(line);
    if (this.backlog.length > MAX_BACKLOG) {
      this.backlog.shift();
      this.droppedRecords++;
    }
  }

  private fail(err: Error): void {
    if (this.failing) return;
    this.failing = true;
    this.options.onWriteProblem?.(err);
  }
}

function sessionId(started: Date, chargerId: string | null): string {
  const stamp = started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const who = (chargerId ?? 'listener').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 48);
  return `${stamp}-${who}-${randomBytes(3).toString('hex')}`;
}
