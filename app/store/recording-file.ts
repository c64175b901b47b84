/**
 * A recording read from its file on demand, never held whole: a session of hundreds of MB (or a
 * bundle's recording unpacked to disk) costs a sparse index, one entry per block of records, and
 * what a page asks for at a time. Indexed in one pass, in chunks; a line longer than any record can
 * be is refused (a file of one endless line is not a session). Records are counted by position: a
 * damaged line keeps its place and is skipped when read.
 */
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { NamedError } from '../lib/named-error.ts';
import { recordFromLine, type SessionHeader, type SessionRecord } from './records.ts';

/** Records per index entry: a read parses at most this many lines it does not return. */
const BLOCK = 256;
const CHUNK = 4 * 1024 * 1024;
/** A frame is at most 4 MiB on the wire; its record, escaped, a few times that. */
export const MAX_RECORD_LINE = 32 * 1024 * 1024;

export class RecordingFileError extends NamedError {}

export class RecordingFile {
  private closed = false;

  private constructor(
    readonly path: string,
    readonly header: SessionHeader | null,
    /** Records (non-empty lines after the header). */
    readonly count: number,
    /** Byte offset of record i·BLOCK. */
    private readonly offsets: readonly number[],
    /** seq of record i·BLOCK (NaN where that line is damaged). */
    private readonly firstSeqs: readonly number[],
    /** The file is ours (an unpacked bundle): close() removes it. */
    private readonly owned: boolean,
  ) {}

  /** Indexes a recording; `hasHeader`: its first line is the session header. `what` names it in errors. */
  static async open(path: string, options: { readonly owned: boolean; readonly hasHeader: boolean; readonly what?: string }): Promise<RecordingFile> {
    const what = options.what ?? path;
    const handle = await open(path, 'r');
    const offsets: number[] = [];
    const firstSeqs: number[] = [];
    let header: SessionHeader | null = null;
    let count = 0;
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      let position = 0;
      /** Where the line being read began, and its start when it spans chunks. */
      let lineStart = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let headerDone = !options.hasHeader;
      const line = (bytes: Buffer, start: number) => {
        if (bytes.length === 0 || (bytes.length === 1 && bytes[0] === 13)) return;
        if (!headerDone) {
          headerDone = true;
          try {
            header = JSON.parse(bytes.toString('utf8')) as SessionHeader;
          } catch {
            header = null;
          }
          if (header?.t !== 'session') throw new RecordingFileError(`${what} is not a Field Kit session: the first line is not a session header`);
          return;
        }
        if (count % BLOCK === 0) {
          offsets.push(start);
          firstSeqs.push(seqOf(bytes));
        }
        count++;
      };
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
        if (bytesRead === 0) break;
        let from = 0;
        for (let nl = buffer.indexOf(10, 0); nl !== -1 && nl < bytesRead; nl = buffer.indexOf(10, nl + 1)) {
          const piece = buffer.subarray(from, nl);
          if (pendingBytes > 0) {
            line(Buffer.concat([...pending, piece]), lineStart);
            pending = [];
            pendingBytes = 0;
          } else line(piece, position + from);
          from = nl + 1;
          lineStart = position + from;
        }
        if (from < bytesRead) {
          if (pendingBytes === 0) lineStart = position + from;
          pending.push(Buffer.from(buffer.subarray(from, bytesRead)));
          pendingBytes += bytesRead - from;
          if (pendingBytes > MAX_RECORD_LINE)
            throw new RecordingFileError(`${what} holds a line of more than ${MAX_RECORD_LINE / 1024 / 1024} MiB: not a session`);
        }
        position += bytesRead;
      }
      // A last line without its newline was being written when the recording stopped: not counted.
      if (!headerDone) throw new RecordingFileError(`${what} is not a Field Kit session: the file is empty`);
    } finally {
      await handle.close();
    }
    return new RecordingFile(path, header, count, offsets, firstSeqs, options.owned);
  }

  /** Up to `max` records from position `from` (damaged lines are skipped). */
  read(from: number, max: number): SessionRecord[] {
    return this.readAt(from, max).records;
  }

  /**
   * Up to `max` positions from `from`: the records there (a damaged line is a position without a
   * record), the position of each, and the position after the last one read.
   */
  readAt(from: number, max: number): { readonly records: SessionRecord[]; readonly positions: number[]; readonly next: number } {
    const records: SessionRecord[] = [];
    const positions: number[] = [];
    const end = Math.min(this.count, from + max);
    if (this.closed || from >= end) return { records, positions, next: Math.max(from, 0) };
    const block = Math.floor(from / BLOCK);
    let position = block * BLOCK;
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      let at = this.offsets[block]!;
      let carry: Buffer | null = null;
      while (position < end) {
        const bytesRead = readSync(fd, buffer, 0, CHUNK, at);
        if (bytesRead === 0) break;
        let start = 0;
        for (let nl = buffer.indexOf(10, 0); nl !== -1 && nl < bytesRead && position < end; nl = buffer.indexOf(10, nl + 1)) {
          const piece: Buffer = carry ? Buffer.concat([carry, buffer.subarray(start, nl)]) : buffer.subarray(start, nl);
          carry = null;
          start = nl + 1;
          if (piece.length === 0 || (piece.length === 1 && piece[0] === 13)) continue;
          if (position >= from) {
            const record = parseRecord(piece);
            if (record) {
              records.push(record);
              positions.push(position);
            }
          }
          position++;
        }
        if (position >= end) break;
        if (start < bytesRead) carry = carry ? Buffer.concat([carry, buffer.subarray(start, bytesRead)]) : Buffer.from(buffer.subarray(start, bytesRead));
        at += bytesRead;
      }
    } finally {
      closeSync(fd);
    }
    return { records, positions, next: position };
  }

  /** The latest `limit` records before position `end` with a seq above afterSeq (a recording's seqs grow: found through the index). */
  tail(afterSeq: number, limit: number, end = this.count): SessionRecord[] {
    let block = 0;
    for (let lo = 0, hi = this.firstSeqs.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (this.firstSeqs[mid]! <= afterSeq) {
        block = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const last = Math.min(end, this.count);
    const start = Math.max(block * BLOCK, last - limit);
    return this.read(start, last - start).filter((r) => r.seq > afterSeq);
  }

  /** Every record in order, a block at a time (folding a model, an export): never all at once. */
  *all(chunk = 5_000): Generator<SessionRecord> {
    yield* this.range(0, this.count, chunk);
  }

  /** The records of positions [from, to), a block at a time. */
  *range(from: number, to: number, chunk = 5_000): Generator<SessionRecord> {
    for (let at = from; at < Math.min(to, this.count); at += chunk) yield* this.read(at, Math.min(chunk, to - at));
  }

  /** Done with it: an unpacked bundle's file is removed. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) rmSync(this.path, { force: true });
  }
}

function parseRecord(bytes: Buffer): SessionRecord | null {
  try {
    const record = recordFromLine(bytes.toString('utf8'));
    return (record?.t === 'frame' || record?.t === 'event') && typeof record.seq === 'number' ? record : null;
  } catch {
    return null;
  }
}

function seqOf(bytes: Buffer): number {
  return parseRecord(bytes)?.seq ?? Number.NaN;
}
