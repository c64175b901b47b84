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
import { encodeFrameLine, frameLineBound } from './record-line.ts';
import type { FrameObservation } from '../ocpp/endpoint.ts';
import {
  RECORDING_VERSION,
  rememberParsed,
  verbatimFits,
  VERBATIM_KEY,
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

/** Records kept in memory while the disk refuses them; beyond this the oldest tenth is dropped and counted. */
const MAX_BACKLOG = 100_000;
/** A session's buffer to begin with: a turn's records of one charger (a MeterValues and its answer) fit. */
const BUFFER_BYTES = 4 * 1024;
/** A buffer grown beyond this (a huge frame, a disk that refused for a while) is given back once written. */
const KEEP_BYTES = 64 * 1024;
const NOTHING = Buffer.alloc(0);

export class SessionRecorder {
  readonly header: SessionHeader;
  readonly file: string;
  private fd: number | undefined;
  private seq = 0;
  /**
   * The records not yet written, as UTF-8 lines, outside the JavaScript heap. Each record is encoded
   * here as it is appended: its JSON text dies at once, and a frame's own text follows it verbatim
   * without a joined string on the way (see writeFrameLine). One buffer per session, grown as needed.
   */
  private bytes: Buffer | undefined;
  private used = 0;
  /** Records (whole or partly) in `bytes`. */
  private records = 0;
  /** The header's line while it is not on disk yet: a backlog that overflows keeps it (a file without one is no session). */
  private headerBytes = 0;
  private failing = false;
  /** Handed to the scheduler for this turn's write (it keeps a list, not a set: see FlushScheduler). */
  private flushQueued = false;
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
    this.headerBytes = this.used;
  }

  get id(): string {
    return this.header.id;
  }

  /** Records waiting in memory: for the end of this turn, or for the disk to take them again. */
  get pending(): number {
    return this.records;
  }

  /** Records that could not be written and were dropped because the backlog was full. */
  get dropped(): number {
    return this.droppedRecords;
  }

  /**
   * Appends a frame. The record is built with one fixed shape (no spreads), its members in the order
   * its line lists them (record-line.ts writes the line without JSON.stringify).
   */
  appendFrame(charger: string | null, leg: Leg, frame: FrameObservation, at?: number): FrameRecord {
    const raw = maskFrame(frame.raw);
    // A frame parsed as JSON goes into the line as it came (recordFromLine): not escaped into a string.
    const verbatim = frame.parsed !== undefined && raw === frame.raw && verbatimFits(raw);
    const record = {
      t: 'frame',
      seq: ++this.seq,
      // at: when the frame happened, where that is not now (a frame lifted from an imported log).
      at: at === undefined ? this.now() : new Date(at).toISOString(),
      charger,
      leg,
      dir: frame.dir,
      // The AuthorizationKey never reaches a recording (nor the UI or the log, which show the record).
      raw: verbatim ? undefined : raw,
      type: frame.type,
      id: frame.id,
      action: frame.action,
      issues: frame.issues,
      latencyMs: frame.latencyMs === undefined ? undefined : toMicrosecond(frame.latencyMs),
      origin: frame.origin,
    } as { -readonly [K in keyof FrameRecord]: FrameRecord[K] };
    this.writeFrameLine(record, verbatim ? raw : undefined);
    if (verbatim) record.raw = raw;
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

  /** The lines appended but not written yet: they continue the file's bytes (session-tail.ts reads both). */
  unwritten(): Buffer {
    return this.bytes === undefined ? NOTHING : this.bytes.subarray(0, this.used);
  }

  /** Write what is waiting now (before reading the file back, say). */
  flushNow(): void {
    this.flushQueued = false;
    if (this.used === 0) return;
    try {
      const fd = this.openFd();
      const bytes = this.bytes!;
      const written = writeSync(fd, bytes, 0, this.used);
      this.headerBytes = Math.max(0, this.headerBytes - written);
      if (written < this.used) {
        // What was written is gone from the buffer; the rest goes first on the next turn.
        bytes.copyWithin(0, written, this.used);
        this.used -= written;
        throw new Error(`short write: ${written} of ${written + this.used} bytes (is the disk full?)`);
      }
      this.used = 0;
      this.records = 0;
      if (bytes.length > KEEP_BYTES) this.bytes = undefined;
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

  /** Encodes one record's JSON (its line without the newline) for the next write. */
  private write(line: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const bytes = this.room(line.length * 3 + 1);
    this.used += bytes.write(line, this.used);
    bytes[this.used++] = 10;
    this.queued();
  }

  /**
   * A frame record's line, encoded straight into the buffer (record-line.ts), and with `verbatim`,
   * the frame's text after it as it came: the record without its closing brace, `,"frame":`, the
   * text, `}`.
   */
  private writeFrameLine(record: FrameRecord, verbatim: string | undefined): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const extra = verbatim === undefined ? 1 : verbatim.length * 3 + VERBATIM_KEY.length + 2;
    const bytes = this.room(frameLineBound(record) + extra);
    let at = encodeFrameLine(bytes, this.used, record, verbatim !== undefined);
    if (verbatim !== undefined) {
      at += bytes.write(VERBATIM_KEY, at, 'latin1');
      at += bytes.write(verbatim, at);
      bytes[at++] = 125; // }
    }
    bytes[at++] = 10;
    this.used = at;
    this.queued();
  }

  /** The buffer, with room for `most` more bytes after what is waiting. */
  private room(most: number): Buffer {
    if (this.bytes === undefined || this.used + most > this.bytes.length) this.grow(most);
    return this.bytes!;
  }

  /** One more line waits: counted (the backlog's cap), and written at the end of the turn. */
  private queued(): void {
    if (++this.records > MAX_BACKLOG) this.dropOldest(MAX_BACKLOG / 10);
    if (!this.flushQueued) {
      this.flushQueued = true;
      this.scheduler.markDirty(this);
    }
  }

  /** Room for `more` bytes: the first buffer, or one twice as large with what is waiting copied over. */
  private grow(more: number): void {
    const size = Math.max(BUFFER_BYTES, (this.bytes?.length ?? 0) * 2, this.used + more);
    // Outside the heap and not from the shared pool: the collector neither scans nor copies it.
    const bigger = Buffer.allocUnsafeSlow(size);
    if (this.bytes !== undefined) this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  /** The disk has refused for so long that the backlog is full: the oldest lines go, counted (one move for many). */
  private dropOldest(lines: number): void {
    const bytes = this.bytes!;
    const from = this.headerBytes;
    let cut = from;
    let dropped = 0;
    // Within what waits only: after a short write the count can be ahead of the lines left, and the
    // buffer beyond `used` holds old bytes.
    while (dropped < lines) {
      const end = bytes.indexOf(10, cut);
      if (end < 0 || end >= this.used) break;
      cut = end + 1;
      dropped++;
    }
    bytes.copyWithin(from, cut, this.used);
    this.used -= cut - from;
    this.records -= dropped;
    this.droppedRecords += dropped;
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

/**
 * A latency to the microsecond: the clock gives far more digits than anyone reads, and a number of
 * three decimals is written by digits (record-line.ts) where a full double took the language's
 * shortest-form conversion, the dearest step of a record's line.
 */
function toMicrosecond(ms: number): number {
  return Math.round(ms * 1000) / 1000;
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
