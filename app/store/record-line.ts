/**
 * A frame record's line encoded straight into the session's buffer, byte by byte, instead of
 * `JSON.stringify` of the record and a UTF-8 pass over that string. The line is the same, byte for
 * byte (held so by a property test against JSON.stringify): the same members in the same order,
 * an undefined member left out, strings escaped as JSON.stringify escapes them. Short ASCII strings
 * (times, ids, actions, the charger's name) are copied by character; anything else (a quote, a
 * control character, a non-ASCII letter) is handed to JSON.stringify, so the escaping rules are never
 * ours. Measured in docs/performance.md: this was the dearest step of recording a frame after the
 * write itself.
 */
import type { FrameRecord } from './records.ts';

/**
 * The members of a frame record, written in this order (the order recorder.appendFrame builds them
 * in); raw is left out where the frame's text follows verbatim.
 */
export type FrameFields = Pick<FrameRecord, 't' | 'seq' | 'at' | 'charger' | 'leg' | 'dir' | 'type' | 'id' | 'action' | 'issues' | 'latencyMs' | 'origin'> & {
  readonly raw?: string;
};

/** Strings up to this length are checked and copied by character; longer ones are rare here (a raw frame that is not JSON). */
const COPY_MAX = 256;

/**
 * The most bytes encodeFrameLine can write for this record (plus `tailBytes` the caller appends):
 * a character JSON.stringify escapes takes at most 6 bytes (`\u001f`), any other at most 3 in UTF-8.
 */
export function frameLineBound(record: FrameFields): number {
  let chars = 160 + record.at.length + (record.charger?.length ?? 0) + (record.id?.length ?? 0) + (record.action?.length ?? 0);
  if (record.raw !== undefined) chars += record.raw.length;
  let bound = chars * 6;
  if (record.issues.length > 0) bound += JSON.stringify(record.issues).length * 3;
  return bound;
}

/**
 * Writes the record's JSON at `at` and returns the offset after it. `open`: leave the closing brace
 * off (the caller appends more members). The buffer must have frameLineBound bytes of room.
 */
export function encodeFrameLine(bytes: Buffer, at: number, record: FrameFields, open: boolean): number {
  at = ascii(bytes, at, '{"t":"frame","seq":');
  at = number(bytes, at, record.seq);
  at = ascii(bytes, at, ',"at":');
  at = string(bytes, at, record.at);
  at = ascii(bytes, at, ',"charger":');
  at = record.charger === null ? ascii(bytes, at, 'null') : string(bytes, at, record.charger);
  at = ascii(bytes, at, ',"leg":');
  at = string(bytes, at, record.leg);
  at = ascii(bytes, at, ',"dir":');
  at = string(bytes, at, record.dir);
  at = optionalString(bytes, at, ',"raw":', record.raw);
  at = optionalNumber(bytes, at, ',"type":', record.type);
  at = optionalString(bytes, at, ',"id":', record.id);
  at = optionalString(bytes, at, ',"action":', record.action);
  at = ascii(bytes, at, ',"issues":');
  at = record.issues.length === 0 ? ascii(bytes, at, '[]') : at + bytes.write(JSON.stringify(record.issues), at);
  at = optionalNumber(bytes, at, ',"latencyMs":', record.latencyMs);
  at = optionalString(bytes, at, ',"origin":', record.origin);
  if (!open) bytes[at++] = 125; // }
  return at;
}

/** A member that JSON.stringify leaves out when undefined: `key` (`,"name":`) and its string, or nothing. */
function optionalString(bytes: Buffer, at: number, key: string, value: string | undefined): number {
  return value === undefined ? at : string(bytes, ascii(bytes, at, key), value);
}

/** A member that JSON.stringify leaves out when undefined: `key` and its number, or nothing. */
function optionalNumber(bytes: Buffer, at: number, key: string, value: number | undefined): number {
  return value === undefined ? at : number(bytes, ascii(bytes, at, key), value);
}

/** Text known to be plain ASCII (our own member names and punctuation). */
function ascii(bytes: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** A JSON string: copied by character when nothing in it needs escaping, else as JSON.stringify writes it. */
function string(bytes: Buffer, at: number, text: string): number {
  const length = text.length;
  if (length <= COPY_MAX) {
    let plain = true;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      // Printable ASCII but the quote and the backslash: what JSON.stringify writes as it is.
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        plain = false;
        break;
      }
    }
    if (plain) {
      bytes[at] = 34; // "
      at = ascii(bytes, at + 1, text);
      bytes[at] = 34;
      return at + 1;
    }
  }
  return at + bytes.write(JSON.stringify(text), at);
}

/**
 * A number as JSON.stringify writes it: a small whole number, or one of at most three decimals (a
 * latency to the microsecond), by digits; anything else by the language's own rule (null when not
 * finite).
 */
function number(bytes: Buffer, at: number, n: number): number {
  if (n >= 0 && n < 0x40000000 && (n | 0) === n) return whole(bytes, at, n);
  if (n > 0 && n < 1_000_000) {
    const thousandths = Math.round(n * 1000);
    // n is exactly the double nearest to thousandths / 1000: its shortest form is those digits.
    if (thousandths / 1000 === n) {
      at = whole(bytes, at, Math.floor(thousandths / 1000));
      let fraction = thousandths % 1000;
      bytes[at++] = 46; // .
      for (let scale = 100; fraction > 0; scale /= 10) {
        const digit = Math.floor(fraction / scale);
        bytes[at++] = 48 + digit;
        fraction -= digit * scale;
      }
      return at;
    }
  }
  return ascii(bytes, at, Number.isFinite(n) ? String(n) : 'null');
}

/** A whole number 0 ≤ n < 2³⁰ by its decimal digits. */
function whole(bytes: Buffer, at: number, n: number): number {
  if (n === 0) {
    bytes[at] = 48;
    return at + 1;
  }
  let digits = 0;
  for (let rest = n; rest > 0; rest = (rest / 10) | 0) digits++;
  for (let i = digits - 1, rest = n; i >= 0; i--, rest = (rest / 10) | 0) bytes[at + i] = 48 + (rest % 10);
  return at + digits;
}
