/**
 * The one place that knows what a secret looks like, for recordings, logs and exports alike.
 *
 * - Recording (maskFrame, maskText): the AuthorizationKey never reaches a recording, the UI or the
 *   serve log. Its value becomes "(redacted #1a2b3c4d)": the first 8 hex digits of its SHA-256, so
 *   support can tell whether two values match without seeing either.
 * - Export (Redactor): on top of that, Basic Auth credentials and Authorization headers in any text,
 *   credentials in URLs, and on request RFID tags (idTag, parentIdTag) replaced by stable stand-ins.
 *
 * The forms a secret really takes: OCPP keys are case-insensitive (authorizationkey), a key name may be
 * JSON-escaped (Authorization\u004bey), a frame may be quoted inside a string (a DataTransfer's data,
 * a structured log line), a console prints `AuthorizationKey=…` or `authorization: basic …`.
 * Passwords of chargers are never recorded (only their length), so they are checked for, not expected.
 */
import { createHash } from 'node:crypto';
import type { EventRecord, FrameRecord, SessionRecord } from './records.ts';

export interface RedactOptions {
  /** Replace RFID tags by tag-1, tag-2 … (the same tag, the same stand-in). */
  readonly hideIdTags: boolean;
}

export type RedactionKind = 'authorization-key' | 'basic-auth' | 'id-tag';

export const REDACTION_TEXT: Record<RedactionKind, string> = {
  'authorization-key': 'AuthorizationKey values (ChangeConfiguration, GetConfiguration, console output)',
  'basic-auth': 'Authorization headers and Basic Auth credentials in any text',
  'id-tag': 'RFID tags (idTag, parentIdTag), replaced by stable stand-ins',
};

export interface RedactionCount {
  readonly kind: RedactionKind;
  readonly what: string;
  readonly count: number;
}

/** "(redacted)" or "(redacted #1a2b3c4d)": a value already hidden is left as it is. */
const MASKED = /^\(redacted(?: #[0-9a-f]{8})?\)$/;
const HIDDEN = '(redacted)';
const STAND_IN = /^tag-\d+$/;
/**
 * The names an AuthorizationKey goes by: any case, its two words together or apart (_ - a space, also
 * URL-encoded: authorization_key, Authorization Key, Authorization%20Key).
 */
const KEY_NAME = String.raw`authorization(?:[\s_-]|%20|%5f|%2d)*key`;
const AUTH_KEY_NAME = new RegExp(String.raw`^${KEY_NAME}$`, 'i');
const ID_TAG_NAME = /^(?:idtag|parentidtag)$/i;

/** What stands in for a secret value: its short fingerprint. */
export function secretFingerprint(value: string): string {
  return `(redacted #${createHash('sha256').update(value).digest('hex').slice(0, 8)})`;
}

// Text patterns. Each captures (before)(value)(after); the value is replaced.
const Q = String.raw`(?:\\*")`; // a quote, possibly escaped once or more (a frame inside a string)
const KEY = KEY_NAME;
const AUTH_KEY_PAIR = new RegExp(String.raw`(${Q}key${Q}\s*:\s*${Q}${KEY}${Q}\s*,\s*${Q}value${Q}\s*:\s*${Q})((?:[^"\\]|\\(?!")|\\\\)*?)(${Q})`, 'gi');
const AUTH_KEY_PAIR_VALUE_FIRST = new RegExp(
  String.raw`(${Q}value${Q}\s*:\s*${Q})((?:[^"\\]|\\(?!")|\\\\)*?)(${Q}\s*,\s*(?:${Q}readonly${Q}\s*:\s*(?:true|false)\s*,\s*)?${Q}key${Q}\s*:\s*${Q}${KEY}${Q})`,
  'gi',
);
/**
 * `AuthorizationKey=…`, `authorization_key: …`, `Authorization Key = …`, `"AuthorizationKey":"…"`, an XML
 * attribute `AuthorizationKey="…"`, URL-encoded `Authorization%20Key%3D…` (a console's key=value, a
 * settings dump, a query string).
 */
const AUTH_KEY_ASSIGNED = new RegExp(String.raw`(${KEY}(?:${Q}|')?\s*(?:[=:]|%3d|%3a)\s*(?:${Q}|')?)([^\s",;&'\\<>]+)`, 'gi');
/** `<AuthorizationKey>…</AuthorizationKey>`. */
const AUTH_KEY_ELEMENT = new RegExp(String.raw`(<\s*${KEY}\s*>)([^<]*)(<)`, 'gi');
/** `<… name="AuthorizationKey" value="…">` and value-first. */
const AUTH_KEY_ATTRIBUTES = new RegExp(String.raw`((?:name|key|id)\s*=\s*["']${KEY}["'][^<>]*?\bvalue\s*=\s*["'])([^"']*)(["'])`, 'gi');
const AUTH_KEY_ATTRIBUTES_VALUE_FIRST = new RegExp(String.raw`(\bvalue\s*=\s*["'])([^"']*)(["'][^<>]*?\b(?:name|key|id)\s*=\s*["']${KEY}["'])`, 'gi');
/** A console command: `set authorization_key VALUE`, `config set AuthorizationKey VALUE`. */
const AUTH_KEY_SET = new RegExp(String.raw`(\bset\s+${KEY}\s+)(\S+)`, 'gi');
/** An Authorization header in any case, Basic or Bearer, and the bare HTTP form "Basic xxxx". */
const AUTH_HEADER = /((?:proxy-)?authorization\s*[:=]\s*"?(?:basic|bearer)\s+)([A-Za-z0-9+/=._~-]{4,})/gi;
const BASIC = /(Basic\s+)([A-Za-z0-9+/=]{6,})/g;
const MASKED_HEADER = /(?:authorization\s*[:=]\s*"?)?basic\s+\(redacted\)/gi;
const USERINFO = /(wss?:\/\/|https?:\/\/|ftp:\/\/)([^/@\s:]+:[^/@\s]+)(@)/gi;
/** The password of credentials in a URL (ftp://user:password@host: the one-time FTP login). The user stays: it names the transfer. */
const URL_PASSWORD = /((?:wss?|https?|ftps?):\/\/[^/@\s:"\\]+:)([^/@\s"\\]+)(@)/gi;
const ID_TAG_IN_TEXT = new RegExp(String.raw`(${Q}(?:idTag|parentIdTag)${Q}\s*:\s*${Q})((?:[^"\\]|\\(?!"))*?)(${Q})`, 'gi');

type Hit = (kind: RedactionKind) => void;

/** The AuthorizationKey in free text (a console line, a frame that is not JSON, a string field), in every form it is written. */
function maskKeyInText(text: string, hide: (value: string) => string, hit: Hit): string {
  // A value hidden before (by the recorder) counts as hidden but stays as it is.
  const replace = (_: string, before: string, value: string, after = '') => {
    if (value.trim() === '') return `${before}${value}${after}`;
    hit('authorization-key');
    return MASKED.test(value) ? `${before}${value}${after}` : `${before}${hide(value)}${after}`;
  };
  const replaceBare = (m: string, before: string, value: string) => (value.startsWith('(redacted') ? (hit('authorization-key'), m) : replace(m, before, value));
  return text
    .replace(AUTH_KEY_PAIR, replace)
    .replace(AUTH_KEY_PAIR_VALUE_FIRST, replace)
    .replace(AUTH_KEY_ELEMENT, replace)
    .replace(AUTH_KEY_ATTRIBUTES, replace)
    .replace(AUTH_KEY_ATTRIBUTES_VALUE_FIRST, replace)
    .replace(AUTH_KEY_SET, replaceBare)
    .replace(AUTH_KEY_ASSIGNED, replaceBare);
}

/** The password in URLs with credentials: hidden, counted as a credential. */
function maskUrlPasswords(text: string, hit: Hit): string {
  return text.replace(URL_PASSWORD, (m, before: string, password: string, at: string) => {
    hit('basic-auth');
    return password === HIDDEN ? m : `${before}${HIDDEN}${at}`;
  });
}

/**
 * Cheap test before any parsing: most frames hold nothing secret and are passed on untouched. One
 * pass over the text for the three signs (the word in any case, a JSON escape, a URL): it runs for
 * every frame recorded, and three searches cost 0.49 µs on a MeterValues of 900 bytes, one 0.29.
 */
const MAY_HOLD_KEY = /authorization|\\u|:\/\//i;
function mayHoldKey(text: string): boolean {
  return MAY_HOLD_KEY.test(text);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The one walk over parsed JSON, for the recorder and the export alike: AuthorizationKey values (by
 * structure: a {key, value} pair, a field of that name in any of its spellings) and every string by
 * the text patterns (a DataTransfer's data, a frame quoted in a vendor field). Replaces in place;
 * true when something was replaced.
 */
interface JsonVisit {
  /** What stands in for an AuthorizationKey value. */
  readonly secret: (value: string) => string;
  /** Any other string, through the text patterns. */
  readonly text: (text: string) => string;
  /** A field of its own (an RFID tag): its replacement, or null for the text patterns. */
  readonly field?: (key: string, value: string) => string | null;
}

function walkJson(value: Json, visit: JsonVisit, hit: Hit): boolean {
  const replaceString = (text: string): string => visit.text(text);
  if (Array.isArray(value)) {
    let changed = false;
    value.forEach((item, i) => {
      if (typeof item === 'string') {
        const scrubbed = replaceString(item);
        if (scrubbed !== item) {
          value[i] = scrubbed;
          changed = true;
        }
      } else changed = walkJson(item, visit, hit) || changed;
    });
    return changed;
  }
  if (value === null || typeof value !== 'object') return false;
  let changed = false;
  // ChangeConfiguration {key, value} and GetConfiguration's configurationKey entries.
  const pair = typeof value.key === 'string' && AUTH_KEY_NAME.test(value.key) && typeof value.value === 'string';
  if (pair) {
    hit('authorization-key');
    if (!MASKED.test(value.value as string)) {
      value.value = visit.secret(value.value as string);
      changed = true;
    }
  }
  for (const [k, v] of Object.entries(value)) {
    if (pair && k === 'value') continue;
    if (typeof v === 'string' && AUTH_KEY_NAME.test(k)) {
      hit('authorization-key');
      if (!MASKED.test(v)) {
        value[k] = visit.secret(v);
        changed = true;
      }
      continue;
    }
    if (typeof v === 'string') {
      const replaced = visit.field?.(k, v) ?? replaceString(v);
      if (replaced !== v) {
        value[k] = replaced;
        changed = true;
      }
    } else if (v !== null && typeof v === 'object') changed = walkJson(v, visit, hit) || changed;
  }
  return changed;
}

/** What the recorder hides in a string: the key in its written forms, and passwords in URLs. */
function maskForRecording(text: string, hit: Hit): string {
  if (!mayHoldKey(text)) return text;
  return maskUrlPasswords(maskKeyInText(text, secretFingerprint, hit), hit);
}

/** A frame as it is recorded: the AuthorizationKey's value replaced by its fingerprint, passwords in URLs hidden. */
export function maskFrame(raw: string, hit: Hit = () => {}): string {
  if (!mayHoldKey(raw)) return raw;
  let parsed: Json;
  try {
    parsed = JSON.parse(raw) as Json;
  } catch {
    return maskForRecording(raw, hit);
  }
  return walkJson(parsed, { secret: secretFingerprint, text: (t) => maskForRecording(t, hit) }, hit) ? JSON.stringify(parsed) : raw;
}

/** Console output or a log line as it is recorded or printed: the AuthorizationKey, Authorization headers and URL passwords masked. */
export function maskText(text: string, hit: Hit = () => {}): string {
  let out = maskForRecording(text, hit);
  if (/authorization|basic/i.test(out))
    out = out
      .replace(AUTH_HEADER, (_, before: string) => (hit('basic-auth'), `${before}${HIDDEN}`))
      .replace(BASIC, (_, before: string) => (hit('basic-auth'), `${before}${HIDDEN}`));
  return out;
}

/** The redaction of an export: everything of maskText, credentials in URLs, and RFID tags on request. */
export class Redactor {
  private readonly counts = new Map<RedactionKind, number>();
  private readonly tags = new Map<string, string>();
  private readonly hit: Hit = (kind) => this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);

  constructor(private readonly options: RedactOptions) {}

  /** What was redacted so far, for the manifest and the export dialog. */
  summary(): RedactionCount[] {
    return [...this.counts].map(([kind, count]) => ({ kind, what: REDACTION_TEXT[kind], count }));
  }

  /** Free text (a report, a log): the same patterns as in console output. */
  scrub(text: string): string {
    return this.text(text);
  }

  record(record: SessionRecord): SessionRecord {
    return record.t === 'frame' ? this.frame(record) : this.event(record);
  }

  private frame(record: FrameRecord): FrameRecord {
    // Most frames hold nothing to redact: they are passed on without being parsed (a million of them take seconds).
    if (!this.mayHold(record.raw)) return record;
    let parsed: Json;
    try {
      parsed = JSON.parse(record.raw) as Json;
    } catch {
      // Not JSON (a malformed frame is recorded as it came): the text patterns apply.
      const scrubbed = this.text(record.raw);
      return scrubbed === record.raw ? record : { ...record, raw: scrubbed };
    }
    // Every value seen once: the key/value pairs by structure, every string (a DataTransfer's data, a
    // frame quoted in a vendor field) by the text patterns.
    return this.json(parsed) ? { ...record, raw: JSON.stringify(parsed) } : record;
  }

  private event(record: EventRecord): EventRecord {
    const event = record.event as { kind: string; base64?: string; [key: string]: unknown };
    if (typeof event.base64 === 'string') {
      // Console bytes: the charger may print its key or its tags in its log.
      const text = Buffer.from(event.base64, 'base64').toString('latin1');
      const scrubbed = this.text(text);
      if (scrubbed === text) return record;
      const bytes = Buffer.from(scrubbed, 'latin1');
      const redacted: EventRecord['event'] = { ...event, base64: bytes.toString('base64'), bytes: bytes.length, redacted: true } as EventRecord['event'];
      return { ...record, event: redacted };
    }
    const text = JSON.stringify(event);
    if (!this.mayHold(text)) return record;
    const scrubbed = this.text(text);
    return scrubbed === text ? record : { ...record, event: JSON.parse(scrubbed) as EventRecord['event'] };
  }

  /** Walks a parsed frame, replacing in place (the same walk as the recorder's); true when something was replaced. */
  private json(value: Json): boolean {
    return walkJson(
      value,
      {
        secret: secretFingerprint,
        text: (t) => (this.mayHold(t) ? this.text(t) : t),
        field: (key, v) => {
          if (!this.options.hideIdTags || !ID_TAG_NAME.test(key)) return null;
          this.hit('id-tag');
          return STAND_IN.test(v) ? v : this.standIn(v);
        },
      },
      this.hit,
    );
  }

  /** Whether a text can hold anything redacted here (cheap checks before any parsing). */
  private mayHold(text: string): boolean {
    return mayHoldKey(text) || /basic|authorization/i.test(text) || text.includes('@') || (this.options.hideIdTags && /idtag/i.test(text));
  }

  /** Patterns in free text: keys, headers, URLs with credentials, tags printed as JSON (also escaped). */
  private text(text: string): string {
    // Headers the recorder hid already count as hidden in this export, too.
    for (const _ of text.matchAll(MASKED_HEADER)) this.hit('basic-auth');
    let out = maskText(text, this.hit);
    out = out.replace(USERINFO, (_, scheme: string, _credentials: string, at: string) => (this.hit('basic-auth'), `${scheme}${HIDDEN}${at}`));
    if (this.options.hideIdTags) {
      out = out.replace(ID_TAG_IN_TEXT, (_, before: string, tag: string, after: string) => (this.hit('id-tag'), `${before}${this.standIn(tag)}${after}`));
    }
    return out;
  }

  private standIn(tag: string): string {
    if (STAND_IN.test(tag)) return tag;
    let stand = this.tags.get(tag);
    if (!stand) this.tags.set(tag, (stand = `tag-${this.tags.size + 1}`));
    return stand;
  }
}

/** What an export with these options would redact (the export dialog shows it before anything is written). */
export function redactionPreview(records: Iterable<SessionRecord>, options: RedactOptions): RedactionCount[] {
  const redactor = new Redactor(options);
  for (const r of records) redactor.record(r);
  const found = redactor.summary();
  // The kinds always looked for are listed even when none was found: the user sees what is covered.
  const kinds: RedactionKind[] = ['authorization-key', 'basic-auth', ...(options.hideIdTags ? (['id-tag'] as const) : [])];
  return kinds.map((kind) => found.find((f) => f.kind === kind) ?? { kind, what: REDACTION_TEXT[kind], count: 0 });
}
