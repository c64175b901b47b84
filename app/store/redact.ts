/**
 * What leaves the app in a bundle leaves without secrets: AuthorizationKey values (ChangeConfiguration
 * and GetConfiguration, in frames and in console output), Basic Auth credentials and Authorization
 * headers wherever they appear in text, and, when asked, RFID tags (idTag, parentIdTag) replaced by
 * stable stand-ins so support can still follow one tag through a session. The recording never holds
 * passwords (only their length), so those are checked for rather than expected.
 */
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

const HIDDEN = '(redacted)';
const STAND_IN = /^tag-\d+$/;
const ID_TAG_KEYS = new Set(['idTag', 'parentIdTag']);
const BASIC = /(Basic\s+)[A-Za-z0-9+/=]{6,}/g;
const USERINFO = /(wss?:\/\/)[^/@\s:]+:[^/@\s]+@/g;
const AUTH_KEY_IN_TEXT = /("key"\s*:\s*"AuthorizationKey"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;
const AUTH_KEY_VALUE_FIRST = /("value"\s*:\s*")((?:[^"\\]|\\.)*)("\s*,\s*"key"\s*:\s*"AuthorizationKey")/g;
/** The same, inside an escaped string (a frame quoted in a structured log line). */
const AUTH_KEY_ESCAPED = /(\\"key\\"\s*:\s*\\"AuthorizationKey\\"\s*,\s*\\"value\\"\s*:\s*\\")(.*?)(\\")/g;
const ID_TAG_IN_TEXT = /("(?:idTag|parentIdTag)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class Redactor {
  private readonly counts = new Map<RedactionKind, number>();
  private readonly tags = new Map<string, string>();

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
      const raw = this.text(record.raw);
      return raw === record.raw ? record : { ...record, raw };
    }
    const changed = this.json(parsed);
    const raw = changed ? JSON.stringify(parsed) : record.raw;
    // Then the text: a secret may also sit inside a string field (a DataTransfer's data, escaped).
    const scrubbed = this.text(raw);
    return raw === record.raw && scrubbed === raw ? record : { ...record, raw: scrubbed };
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

  /** Walks a parsed frame, replacing in place; true when something was replaced. */
  private json(value: Json): boolean {
    if (Array.isArray(value)) return value.reduce<boolean>((changed, item) => this.json(item) || changed, false);
    if (value === null || typeof value !== 'object') return false;
    let changed = false;
    // ChangeConfiguration {key, value} and GetConfiguration's configurationKey entries.
    if (value.key === 'AuthorizationKey' && typeof value.value === 'string' && value.value !== HIDDEN) {
      value.value = HIDDEN;
      this.count('authorization-key');
      changed = true;
    }
    for (const [k, v] of Object.entries(value)) {
      if (this.options.hideIdTags && ID_TAG_KEYS.has(k) && typeof v === 'string') {
        value[k] = this.standIn(v);
        this.count('id-tag');
        changed = true;
      } else if (v !== null && typeof v === 'object') changed = this.json(v) || changed;
    }
    return changed;
  }

  /** Whether a text can hold anything redacted here (cheap substring checks before any parsing). */
  private mayHold(text: string): boolean {
    return text.includes('AuthorizationKey') || text.includes('Basic') || text.includes('@') || (this.options.hideIdTags && (text.includes('idTag') || text.includes('IdTag')));
  }

  /** Patterns in free text: headers, URLs with credentials, keys and tags printed as JSON. */
  private text(text: string): string {
    let out = text.replace(BASIC, (_, basic: string) => (this.count('basic-auth'), `${basic}${HIDDEN}`));
    out = out.replace(USERINFO, (_, scheme: string) => (this.count('basic-auth'), `${scheme}${HIDDEN}@`));
    const hideKey = (_: string, before: string, value: string, after: string) => (value === HIDDEN ? `${before}${value}${after}` : (this.count('authorization-key'), `${before}${HIDDEN}${after}`));
    out = out.replace(AUTH_KEY_IN_TEXT, hideKey).replace(AUTH_KEY_VALUE_FIRST, hideKey).replace(AUTH_KEY_ESCAPED, hideKey);
    if (this.options.hideIdTags) {
      out = out.replace(ID_TAG_IN_TEXT, (_, before: string, tag: string, after: string) => (STAND_IN.test(tag) ? `${before}${tag}${after}` : (this.count('id-tag'), `${before}${this.standIn(tag)}${after}`)));
    }
    return out;
  }

  private standIn(tag: string): string {
    if (STAND_IN.test(tag)) return tag;
    let stand = this.tags.get(tag);
    if (!stand) this.tags.set(tag, (stand = `tag-${this.tags.size + 1}`));
    return stand;
  }

  private count(kind: RedactionKind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
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
