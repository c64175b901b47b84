/**
 * A live session's records from a byte offset of its file on, followed by the ones its recorder
 * holds that are not written yet: what a charger model folded on demand reads (charger/registry.ts).
 * The file is read in chunks (a day-long session may be hundreds of MB) and split on newline bytes,
 * which UTF-8 never uses inside a character.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { recordFromLine, type SessionRecord } from './records.ts';

const CHUNK = 1 << 20;
/** A frame's line begins with its kind and its sequence number (record-line.ts writes them first). */
const FRAME_SEQ = /^\{"t":"frame","seq":(\d+)[,}]/;

export interface TailRead {
  /** The file offset after its last complete line: where the next read starts. */
  readonly end: number;
  /** Lines that were not records (damaged): skipped, as a reader of the file skips them. */
  readonly damaged: number;
}

/**
 * Calls `each` with every record after sequence number `after`, from byte `from` of `file` on and
 * then from `unwritten` (the recorder's lines not on disk yet, which continue the file's bytes).
 * Frames at or before `after` are skipped without being parsed.
 */
export function readSessionTail(file: string, from: number, unwritten: Buffer, after: number, each: (record: SessionRecord) => void): TailRead {
  let damaged = 0;
  const line = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    const head = bytes.toString('latin1', 0, Math.min(bytes.length, 48));
    const frameSeq = FRAME_SEQ.exec(head);
    if (frameSeq && Number(frameSeq[1]) <= after) return;
    if (head.startsWith('{"t":"session"')) return;
    try {
      const record = recordFromLine(bytes.toString('utf8'));
      if ((record.t !== 'frame' && record.t !== 'event') || typeof record.seq !== 'number') throw new Error('not a record');
      if (record.seq > after) each(record);
    } catch {
      damaged++;
    }
  };
  const { end, carry } = readLines(file, from, line);
  // What is not on disk yet continues the file's last, possibly partial, line.
  completeLines(carry.length > 0 ? Buffer.concat([carry, unwritten]) : unwritten, line);
  return { end, damaged };
}

/** The complete lines of `file` from byte `from` on; returns the offset after the last one, and what follows it. */
function readLines(file: string, from: number, line: (bytes: Buffer) => void): { end: number; carry: Buffer } {
  let end = from;
  let carry: Buffer = Buffer.alloc(0);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    // Not written yet (a session's first turn, a folder the disk refuses): everything is in what the recorder holds.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { end, carry };
    throw err;
  }
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (let position = from; ;) {
      const read = readSync(fd, chunk, 0, CHUNK, position);
      if (read === 0) break;
      position += read;
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      const start = completeLines(bytes, line);
      end = position - (bytes.length - start);
      // Copied: the chunk is read into again.
      carry = Buffer.from(bytes.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
  return { end, carry };
}

/** Hands over each line of `bytes` that a newline ends; returns where the rest (a partial line) starts. */
function completeLines(bytes: Buffer, line: (bytes: Buffer) => void): number {
  let start = 0;
  for (let newline = bytes.indexOf(10); newline >= 0; newline = bytes.indexOf(10, start)) {
    line(bytes.subarray(start, newline));
    start = newline + 1;
  }
  return start;
}
