/**
 * Text from the outside world (charger ids, console lines, bundle manifests) made safe for a terminal:
 * control characters could retitle the window, move the cursor or paint a fake green line, and
 * bidirectional overrides could make a line read differently than it is. Each becomes a visible
 * escape; newlines and tabs stay.
 */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\x1b' ? '^[' : `\\u{${c.charCodeAt(0).toString(16)}}`));
}

/**
 * An argument as a user would type it into a shell: quoted when it holds a space or a character the
 * shell would read (a charger id "CP 2" in `--auth 'CP 2:PASSWORD'`).
 */
export function shellArgument(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A value from outside (a charger id, a frame, a reason with what a charger sent, a bundle's field)
 * as part of one terminal line: it can never begin a line of its own. CR, LF, NEL and the Unicode
 * line and paragraph separators become visible escapes, as the other control characters do.
 */
export function oneLine(text: string | null | undefined): string {
  return printable(String(text ?? '')).replace(/[\n\r\u0085\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u{${c.charCodeAt(0).toString(16)}}`,
  );
}
