/**
 * Time as the recordings write it (ISO 8601, ms) without a Date per record: at thousands of frames a
 * second most records share their millisecond, so the text is made once per millisecond and read
 * back once per distinct text.
 */

let isoMs = NaN;
let isoText = '';

/** Now as ISO text: the same string for every call within one millisecond. */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

let parsedText = '';
let parsedMs = NaN;

/** Date.parse, remembering the last text: the records of one turn mostly carry the same one. */
export function isoMillis(text: string): number {
  if (text === parsedText) return parsedMs;
  parsedText = text;
  return (parsedMs = Date.parse(text));
}
