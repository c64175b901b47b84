/**
 * Console bytes into lines: split at the chosen line ending (auto takes \r\n, \n or a lone \r),
 * timestamped where the first byte arrived, a line that never ends (a prompt, a binary stream)
 * flushed after a pause or at a maximum length. Binary output is recognised so the UI can show hex.
 */
export type LineEnding = 'auto' | 'lf' | 'crlf' | 'cr';

export const LINE_ENDINGS: Record<Exclude<LineEnding, 'auto'>, string> = { lf: '\n', crlf: '\r\n', cr: '\r' };

export interface FramedLine {
  /** The bytes of the line without its ending. */
  readonly bytes: Buffer;
  /** When its first byte arrived (ms). */
  readonly at: number;
  /** False when flushed without an ending (a pause, or too long). */
  readonly complete: boolean;
}

/** Longest line kept whole; longer output (a binary stream) is cut into pieces of this size. */
export const MAX_LINE_BYTES = 4_096;

export class LineFramer {
  private parts: Buffer[] = [];
  private length = 0;
  private startedAt = 0;
  /** A \r ended the last chunk: in auto mode a \n may follow in the next. */
  private pendingCr = false;

  constructor(
    private ending: LineEnding,
    private readonly onLine: (line: FramedLine) => void,
  ) {}

  setEnding(ending: LineEnding): void {
    this.ending = ending;
  }

  /** Bytes that arrived at `at`. */
  push(data: Buffer, at: number): void {
    let from = 0;
    for (let i = 0; i < data.length; i++) {
      const b = data[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (b === 0x0a) {
          from = i + 1;
          continue;
        }
      }
      const end = this.endsAt(data, i);
      if (end === 0) continue;
      this.add(data.subarray(from, i), at);
      this.emit(true, at);
      if (end === 2)
        i++; // \r\n
      else if (end === -1) this.pendingCr = true;
      from = i + 1;
    }
    if (from < data.length) this.add(data.subarray(from), at);
  }

  /** Emits what is held without an ending (after a pause in the output). */
  flush(): void {
    if (this.length > 0) this.emit(false, this.startedAt);
  }

  /** 0: no line end at i; 1: a one-byte end; 2: \r\n; -1: a \r in auto mode that ends the chunk. */
  private endsAt(data: Buffer, i: number): number {
    const b = data[i];
    switch (this.ending) {
      case 'lf':
        return b === 0x0a ? 1 : 0;
      case 'cr':
        return b === 0x0d ? 1 : 0;
      case 'crlf':
        return b === 0x0d && data[i + 1] === 0x0a ? 2 : 0;
      case 'auto':
        if (b === 0x0a) return 1;
        if (b !== 0x0d) return 0;
        if (i + 1 === data.length) return -1;
        return data[i + 1] === 0x0a ? 2 : 1;
    }
  }

  private add(bytes: Buffer, at: number): void {
    let rest = bytes;
    while (rest.length > 0) {
      if (this.length === 0) this.startedAt = at;
      const room = MAX_LINE_BYTES - this.length;
      this.parts.push(rest.subarray(0, room));
      this.length += Math.min(room, rest.length);
      rest = rest.subarray(room);
      if (this.length >= MAX_LINE_BYTES) this.emit(false, at);
    }
  }

  /** at: the time for an empty line (nothing held, so no first byte to date it by). */
  private emit(complete: boolean, at: number): void {
    const startedAt = this.length > 0 ? this.startedAt : at;
    const bytes = this.parts.length === 1 ? Buffer.from(this.parts[0]!) : Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    this.onLine({ bytes, at: startedAt, complete });
  }
}

/** Output that is not text: control bytes other than tab and ANSI escapes, or invalid UTF-8. */
export function isBinary(bytes: Buffer): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x1b) return true;
    if (b === 0x7f) return true;
  }
  return bytes.toString('utf8').includes('\uFFFD');
}

/** "48 65 6c 6c 6f" */
export function toHex(bytes: Buffer): string {
  return bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/** Parses "48 65 6C", "48656c", "0x48,0x65": the bytes, or an error naming the bad part. */
export function parseHex(text: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  const tokens = text
    .trim()
    .split(/[\s,:;]+/)
    .filter(Boolean)
    .map((t) => t.replace(/^0x/i, ''));
  const joined = tokens.length === 1 ? tokens[0]! : tokens.map((t) => (t.length === 1 ? `0${t}` : t)).join('');
  const bad = tokens.find((t) => !/^[0-9a-f]+$/i.test(t));
  if (bad !== undefined) return { ok: false, reason: `"${bad}" is not hex` };
  if (joined.length % 2 === 1) return { ok: false, reason: `an odd number of hex digits (${joined.length}): each byte is two` };
  if (joined.length === 0) return { ok: false, reason: 'no bytes given' };
  return { ok: true, bytes: Buffer.from(joined, 'hex') };
}
