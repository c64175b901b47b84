/**
 * Appends a session's records to its file as they pass. Records are written at the end of the
 * event-loop turn they arrived in (see FlushScheduler), and outgoing frames wait for that write, so
 * a process killed with SIGKILL loses at most the frames in flight, never one that was answered.
 * A failed write (a full disk, a vanished folder) keeps the records in memory, reports once, and
 * retries on the next turn.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { defaultFlushScheduler, type FlushScheduler } from './flush-scheduler.ts';
import { maskFrame, maskText } from './redact.ts';
import { isoNow } from '../lib/iso-time.ts';
import type { FrameObservation } from '../ocpp/endpoint.ts';
import {
  RECORDING_VERSION,
  rememberParsed,
  type EventRecord,
  type FrameRecord,
  type Leg,
  type RecordInput,
  type SessionHeader,
  type SessionRecord,
  type SessionSource,
} from './records.ts';

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
  readonly scheduler?: FlushScheduler;
}

/** Records kept in memory while the disk refuses them; beyond this the oldest are dropped and counted. */
const MAX_BACKLOG = 100_000;

export class SessionRecorder {
  readonly header: SessionHeader;
  readonly file: string;
  private fd: number | undefined;
  private seq = 0;
  private backlog: string[] = [];
  /** Bytes taken out of the backlog but not yet written. */
  private partial: Buffer | undefined;
  private partialRecords = 0;
  private failing = false;
  private droppedRecords = 0;
  private readonly clock: () => Date;
  private readonly scheduler: FlushScheduler;

  constructor(private readonly options: RecorderOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.scheduler = options.scheduler ?? defaultFlushScheduler;
    const started = this.clock();
    const id = sessionId(started, options.chargerId);
    this.file = options.file ?? join(options.dir, `${id}.jsonl`);
    this.header = {
      t: 'session',
      v: RECORDING_VERSION,
      id,
      chargerId: options.chargerId,
      source: options.source,
      started: started.toISOString(),
      app: options.appVersion,
    };
    this.write(JSON.stringify(this.header));
  }

  get id(): string {
    return this.header.id;
  }

  /** Records waiting in memory: for the end of this turn, or for the disk to take them again. */
  get pending(): number {
    return this.backlog.length + (this.partial ? this.partialRecords : 0);
  }

  /** Records that could not be written and were dropped because the backlog was full. */
  get dropped(): number {
    return this.droppedRecords;
  }

  /**
   * Appends a frame. The record is built with one fixed shape (no spreads): serialising it is the
   * hot path of the whole app, and V8 stringifies a stable shape more than twice as fast.
   */
  appendFrame(charger: string | null, leg: Leg, frame: FrameObservation, at?: number): FrameRecord {
    const raw = maskFrame(frame.raw);
    const record: FrameRecord = {
      t: 'frame',
      seq: ++this.seq,
      // at: when the frame happened, where that is not now (a frame lifted from an imported log).
      at: at === undefined ? this.now() : new Date(at).toISOString(),
      charger,
      leg,
      dir: frame.dir,
      // The AuthorizationKey never reaches a recording (nor the UI or the log, which show the record).
      raw,
      type: frame.type,
      id: frame.id,
      action: frame.action,
      issues: frame.issues,
      latencyMs: frame.latencyMs,
      origin: frame.origin,
    };
    this.write(JSON.stringify(record));
    // A masked frame is not what was parsed: the model then reads the masked text, as a reader of the file would.
    if (frame.parsed !== undefined && raw === frame.raw) rememberParsed(record, frame.parsed);
    return record;
  }

  append(input: RecordInput): SessionRecord {
    const record = maskSecretsIn({ ...input, seq: ++this.seq, at: this.now() } as SessionRecord);
    this.write(JSON.stringify(record));
    return record;
  }

  /**
   * Runs fn once every record appended so far is on disk (or kept in memory because the disk refused
   * it): at the end of this turn, with every other session's records. (Writing each session at
   * once, as its answer leaves, was measured slower: the sockets' writes then interleave with the
   * reads of the turn and cost more than the collector saves.)
   */
  whenDurable(fn: () => void): void {
    this.scheduler.whenDurable(fn);
  }

  /** Write what is waiting now (before reading the file back, say). */
  flushNow(): void {
    if (this.backlog.length === 0 && this.partial === undefined) return;
    try {
      const fd = this.openFd();
      // Bytes left over from a short write go first, ahead of newer records.
      while (this.partial !== undefined) {
        const written = writeSync(fd, this.partial);
        this.partial = written < this.partial.length ? this.partial.subarray(written) : undefined;
      }
      this.partialRecords = 0;
      if (this.backlog.length > 0) {
        // Encoded into one reused buffer outside the heap, not joined into a new string: the lines
        // die young and the collector has less to copy. If the write throws, the backlog is
        // untouched and tried again on the next turn.
        const bytes = encodeLines(this.backlog);
        const written = writeSync(fd, scratch, 0, bytes);
        const count = this.backlog.length;
        this.backlog.length = 0;
        if (written < bytes) {
          this.partial = Buffer.from(scratch.subarray(written, bytes));
          this.partialRecords = count;
          throw new Error(`short write: ${written} of ${bytes} bytes (is the disk full?)`);
        }
      }
      if (this.failing) {
        this.failing = false;
        this.options.onWriteProblem?.(null);
      }
    } catch (err) {
      this.fail(err as Error);
    }
  }

  close(): void {
    this.flushNow();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The ISO time: the given clock's (tests), else the one shared by all sessions, made once per millisecond (iso-time.ts). */
  private now(): string {
    return this.options.clock ? this.options.clock().toISOString() : isoNow();
  }

  /** Queues one record's JSON (its line without the newline) for the next write. */
  private write(line: string): void {
    this.backlog.push(line);
    if (this.backlog.length > MAX_BACKLOG) {
      this.backlog.shift();
      this.droppedRecords++;
    }
    this.scheduler.markDirty(this);
  }

  private openFd(): number {
    if (this.fd === undefined) {
      mkdirSync(this.options.dir, { recursive: true });
      this.fd = openSync(this.file, 'a');
    }
    return this.fd;
  }

  private fail(err: Error): void {
    if (this.failing) return;
    this.failing = true;
    this.options.onWriteProblem?.(err);
  }
}

/** The bytes of the next write: one buffer for every session (writes are synchronous), grown as needed. */
const SCRATCH_BYTES = 64 * 1024;
let scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);

/** The lines, each with its newline, as UTF-8 at the start of `scratch`; the byte count. */
function encodeLines(lines: readonly string[]): number {
  let most = 0;
  for (const line of lines) most += line.length * 3 + 1;
  // A frame of megabytes grows it for its write only: the next small write gets the small buffer back.
  if (most > scratch.length) scratch = Buffer.allocUnsafeSlow(most);
  else if (scratch.length > SCRATCH_BYTES && most <= SCRATCH_BYTES) scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  let n = 0;
  for (const line of lines) {
    n += scratch.write(line, n);
    scratch[n++] = 10;
  }
  return n;
}

function sessionId(started: Date, chargerId: string | null): string {
  const stamp = started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const who = (chargerId ?? 'listener').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 48);
  return `${stamp}-${who}-${randomBytes(3).toString('hex')}`;
}

/** Frames and console bytes appended whole: the same masking as appendFrame. */
function maskSecretsIn(record: SessionRecord): SessionRecord {
  if (record.t === 'frame') {
    const raw = maskFrame(record.raw);
    return raw === record.raw ? record : { ...record, raw };
  }
  const event = record.event as { kind: string; base64?: unknown };
  if (typeof event.base64 !== 'string') return record;
  const text = Buffer.from(event.base64, 'base64').toString('latin1');
  const masked = maskText(text);
  if (masked === text) return record;
  const bytes = Buffer.from(masked, 'latin1');
  return { ...record, event: { ...event, base64: bytes.toString('base64'), bytes: bytes.length, masked: true } as EventRecord['event'] };
}
