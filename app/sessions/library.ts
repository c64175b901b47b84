/**
 * The sessions library: every recording under <data>/sessions with what a support engineer looks
 * for (charger, vendor and model, time span, frame count, the last readiness verdict), searchable,
 * deletable (never a session being recorded), with the disk it takes and a retention in days. A
 * summary is computed once per file version (size and mtime) and kept in an index beside the files,
 * so a library of large sessions lists at once. Readiness reports are kept per session in
 * <data>/reports/<session id>/.
 */
import { NamedError } from '../lib/named-error.ts';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { basename, join } from 'node:path';
import { parseReport, type ReadinessReport } from '../readiness/report.ts';
import type { OverallVerdict } from '../readiness/verdict.ts';
import {
  isDiagnosticsReceived,
  recordFromLine,
  type DiagnosticsReceivedEvent,
  type SessionHeader,
  type SessionRecord,
  type SessionSource,
} from '../store/records.ts';
import type { DiagnosticsSource } from './diagnostics-pack.ts';

/** Diagnostics larger than this are not packed into a bundle (the file servers take up to 1 GiB). */
const MAX_DIAGNOSTICS_PACK_BYTES = 256 * 1024 * 1024;
import { sessionsDir } from '../store/session-store.ts';

export interface SessionSummary {
  readonly id: string;
  readonly file: string;
  readonly bytes: number;
  readonly chargerId: string | null;
  readonly source: SessionSource;
  readonly started: string;
  /** The time of the last record. */
  readonly ended: string;
  readonly frames: number;
  readonly events: number;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly serialNumber: string | null;
  readonly firmware: string | null;
  /** The last readiness report of this session: READY or not, and when. */
  readonly verdict: { readonly verdict: OverallVerdict; readonly ready: boolean; readonly at: string } | null;
}

export interface LibraryFilter {
  /** Matches charger id, vendor, model, serial number and session id (case-insensitive). */
  readonly text?: string;
  /** YYYY-MM-DD: sessions that were recording on or after / on or before this day. */
  readonly from?: string;
  readonly to?: string;
}

export class LibraryError extends NamedError {}

interface IndexEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly summary: Omit<SessionSummary, 'verdict' | 'file' | 'bytes'>;
}

const INDEX = '.index.json';
const CHUNK = 4 * 1024 * 1024;

export class SessionLibrary {
  private index: Record<string, IndexEntry> | undefined;
  /** The index in memory differs from the one on disk. */
  private indexChanged = false;

  constructor(
    private readonly dataDir: string,
    /** Sessions being recorded now: never deleted. */
    private readonly isLive: (sessionId: string) => boolean = () => false,
  ) {}

  get dir(): string {
    return sessionsDir(this.dataDir);
  }

  list(filter: LibraryFilter = {}): SessionSummary[] {
    return this.select(this.scan(), filter);
  }

  /** The sessions a filter picks and the disk the whole library takes, from one pass over the folder. */
  listing(filter: LibraryFilter = {}): { readonly sessions: SessionSummary[]; readonly usage: { readonly bytes: number; readonly sessions: number } } {
    const all = this.scan();
    return { sessions: this.select(all, filter), usage: this.usage(all) };
  }

  get(sessionId: string): SessionSummary {
    const found = /^[\w.-]+$/.test(sessionId) ? this.summaryOf(this.loadIndex(), `${sessionId}.jsonl`) : null;
    if (!found) throw new LibraryError(`no session ${sessionId} in ${this.dir}`);
    this.saveIndexIfChanged();
    return found;
  }

  usage(all: readonly SessionSummary[] = this.scan()): { readonly bytes: number; readonly sessions: number } {
    return { bytes: all.reduce((n, s) => n + s.bytes, 0) + this.reportBytes(), sessions: all.length };
  }

  /** Deletes a session and its reports; a session being recorded now is refused. */
  delete(sessionId: string): void {
    if (!/^[\w.-]+$/.test(sessionId)) throw new LibraryError(`"${sessionId}" is not a session id`);
    if (this.isLive(sessionId)) throw new LibraryError(`session ${sessionId} is being recorded now: stop the charger's connection (or the console) first`);
    const file = join(this.dir, `${sessionId}.jsonl`);
    if (!existsSync(file)) throw new LibraryError(`no session ${sessionId} in ${this.dir}`);
    // Its diagnostics files go with it (found before the recording that names them is gone).
    const diagnostics = this.diagnosticsNamed(file);
    rmSync(file);
    rmSync(this.reportsDir(sessionId), { recursive: true, force: true });
    for (const d of diagnostics) rmSync(join(this.diagnosticsDir, d.name), { force: true });
    const index = this.loadIndex();
    if (index[sessionId]) {
      delete index[sessionId];
      this.indexChanged = true;
      this.saveIndexIfChanged();
    }
  }

  /** Where the chargers' diagnostics uploads are kept (the file servers write there). */
  get diagnosticsDir(): string {
    return join(this.dataDir, 'diagnostics');
  }

  /**
   * The diagnostics files a session's records name (diagnostics-received events), read from the
   * diagnostics folder: each with its content, or with why it cannot be packed (gone, changed since
   * it arrived, too large).
   */
  diagnosticsOf(records: readonly SessionRecord[]): DiagnosticsSource[] {
    const named = records.flatMap((r) => (r.t === 'event' && isDiagnosticsReceived(r.event) ? [r.event] : []));
    return named.map((d): DiagnosticsSource => {
      const file = join(this.diagnosticsDir, basename(d.name));
      if (basename(d.name) !== d.name || !existsSync(file)) return { name: d.name, bytes: d.bytes, problem: 'no longer in the diagnostics folder' };
      const bytes = statSync(file).size;
      if (bytes > MAX_DIAGNOSTICS_PACK_BYTES)
        return { name: d.name, bytes, problem: `larger than ${MAX_DIAGNOSTICS_PACK_BYTES / 1024 / 1024} MiB: save it from the Actions page instead` };
      const content = readFileSync(file);
      if (d.sha256 && createHash('sha256').update(content).digest('hex') !== d.sha256)
        return { name: d.name, bytes, problem: 'changed on disk since the charger uploaded it' };
      return { name: d.name, bytes, content };
    });
  }

  /** The diagnostics a recording names, read in chunks and parsing only their lines (a large session is not held in memory). */
  private diagnosticsNamed(file: string): DiagnosticsReceivedEvent[] {
    const found: DiagnosticsReceivedEvent[] = [];
    const fd = openSync(file, 'r');
    try {
      eachLine(fd, (line) => {
        if (!line.includes('"diagnostics-received"')) return;
        try {
          const record = JSON.parse(line) as SessionRecord;
          if (record.t === 'event' && isDiagnosticsReceived(record.event) && basename(record.event.name) === record.event.name) found.push(record.event);
        } catch {
          // A damaged line names nothing.
        }
      });
    } finally {
      closeSync(fd);
    }
    return found;
  }

  /** Deletes the sessions that ended more than `days` ago (never a live one); returns their ids. */
  prune(days: number, now = Date.now()): string[] {
    const cutoff = now - days * 86_400_000;
    const old = this.scan().filter((s) => Date.parse(s.ended) < cutoff && !this.isLive(s.id));
    for (const s of old) this.delete(s.id);
    return old.map((s) => s.id);
  }

  /** Every session of the folder, summarised (from the index where the file did not change). */
  private scan(): SessionSummary[] {
    if (!existsSync(this.dir)) return [];
    const index = this.loadIndex();
    const names = readdirSync(this.dir).filter((name) => name.endsWith('.jsonl'));
    const present = new Set(names.map((name) => name.slice(0, -'.jsonl'.length)));
    for (const id of Object.keys(index)) {
      if (present.has(id)) continue;
      delete index[id];
      this.indexChanged = true;
    }
    const summaries = names.flatMap((name) => this.summaryOf(index, name) ?? []);
    this.saveIndexIfChanged();
    return summaries;
  }

  /** One file's summary; null when it is gone or not a session (a stray file is left alone). */
  private summaryOf(index: Record<string, IndexEntry>, name: string): SessionSummary | null {
    const id = name.slice(0, -'.jsonl'.length);
    const file = join(this.dir, name);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return null;
    }
    let entry = index[id];
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      const summary = summarise(file);
      if (!summary) return null;
      entry = index[id] = { size: stat.size, mtimeMs: stat.mtimeMs, summary };
      this.indexChanged = true;
    }
    return { ...entry.summary, file, bytes: stat.size, verdict: this.verdict(id) };
  }

  private select(all: readonly SessionSummary[], filter: LibraryFilter): SessionSummary[] {
    return all.filter((s) => matches(s, filter)).sort((a, b) => b.started.localeCompare(a.started));
  }

  saveReport(sessionId: string, report: ReadinessReport): string {
    const dir = this.reportsDir(sessionId);
    mkdirSync(dir, { recursive: true });
    const name = `readiness-${report.charger.replace(/[^\w.-]/g, '_')}-${report.finishedAt.replace(/[-:.]/g, '').slice(0, 15)}.json`;
    writeFileSync(join(dir, name), `${JSON.stringify(report, null, 2)}\n`);
    return name;
  }

  /** The session's readiness reports as JSON files, oldest first. */
  reports(sessionId: string): { readonly name: string; readonly content: string }[] {
    const dir = this.reportsDir(sessionId);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
  }

  /** The session's latest readiness report (only that file is read), or null when none can be read. */
  latestReport(sessionId: string): ReadinessReport | null {
    const dir = this.reportsDir(sessionId);
    if (!existsSync(dir)) return null;
    const last = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .at(-1);
    if (!last) return null;
    try {
      return parseReport(readFileSync(join(dir, last), 'utf8'));
    } catch {
      return null;
    }
  }

  private verdict(sessionId: string): SessionSummary['verdict'] {
    // Only the latest report decides.
    const report = this.latestReport(sessionId);
    return report ? { verdict: report.verdict, ready: report.verdict === 'ready', at: report.finishedAt } : null;
  }

  private reportsDir(sessionId: string): string {
    return join(this.dataDir, 'reports', sessionId);
  }

  private reportBytes(): number {
    const root = join(this.dataDir, 'reports');
    if (!existsSync(root)) return 0;
    let bytes = 0;
    for (const dir of readdirSync(root)) for (const f of readdirSync(join(root, dir))) bytes += statSync(join(root, dir, f)).size;
    return bytes;
  }

  private loadIndex(): Record<string, IndexEntry> {
    if (this.index) return this.index;
    try {
      this.index = JSON.parse(readFileSync(join(this.dir, INDEX), 'utf8')) as Record<string, IndexEntry>;
    } catch {
      this.index = {}; // missing or damaged: rebuilt from the files
    }
    return this.index;
  }

  private saveIndexIfChanged(): void {
    if (!this.indexChanged) return;
    this.indexChanged = false;
    const file = join(this.dir, INDEX);
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(this.index));
      renameSync(`${file}.tmp`, file);
    } catch {
      // A read-only or full disk: the summaries are computed again next time.
    }
  }
}

function matches(s: SessionSummary, f: LibraryFilter): boolean {
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = [s.chargerId, s.vendor, s.model, s.serialNumber, s.id].filter(Boolean).join(' ').toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  if (f.from && s.ended.slice(0, 10) < f.from) return false;
  if (f.to && s.started.slice(0, 10) > f.to) return false;
  return true;
}

/** Every line of an open file, read in chunks (a session may be hundreds of MB). */
function eachLine(fd: number, line: (text: string) => void): void {
  const buffer = Buffer.alloc(CHUNK);
  // A character cut by a chunk's end is kept for the next chunk, not mangled.
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK, null);
    if (read === 0) break;
    const lines = (carry + decoder.write(buffer.subarray(0, read))).split('\n');
    carry = lines.pop() ?? '';
    for (const l of lines) line(l);
  }
  line(carry);
}

/**
 * A session file's summary without holding it in memory: read in chunks, the header parsed, frames
 * and events counted, the charger's identity taken from its BootNotification, the last record's time.
 */
export function summarise(file: string): IndexEntry['summary'] | null {
  const fd = openSync(file, 'r');
  try {
    let header: SessionHeader | null = null;
    let frames = 0;
    let events = 0;
    let lastAt = '';
    let identity: { vendor: string | null; model: string | null; serialNumber: string | null; firmware: string | null } = {
      vendor: null,
      model: null,
      serialNumber: null,
      firmware: null,
    };
    const line = (text: string) => {
      if (!text) return;
      if (header === null) {
        try {
          const parsed = JSON.parse(text) as SessionHeader;
          header = parsed.t === 'session' ? parsed : null;
        } catch {
          header = null;
        }
        if (header === null) throw new NotASession();
        return;
      }
      if (text.startsWith('{"t":"frame"')) frames++;
      else if (text.startsWith('{"t":"event"')) events++;
      else return;
      const at = /"at":"([^"]+)"/.exec(text)?.[1];
      if (at) lastAt = at;
      if (text.includes('"action":"BootNotification"') && text.includes('"type":2')) identity = bootIdentity(text) ?? identity;
    };
    eachLine(fd, line);
    if (!header) return null;
    const h = header as SessionHeader;
    return { id: h.id, chargerId: h.chargerId, source: h.source, started: h.started, ended: lastAt || h.started, frames, events, ...identity };
  } catch (err) {
    if (err instanceof NotASession) return null;
    throw err;
  } finally {
    closeSync(fd);
  }
}

class NotASession extends Error {}

function bootIdentity(recordLine: string) {
  try {
    const record = recordFromLine(recordLine) as { raw: string };
    const payload = (JSON.parse(record.raw) as unknown[])[3] as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      vendor: str(payload.chargePointVendor),
      model: str(payload.chargePointModel),
      serialNumber: str(payload.chargePointSerialNumber) ?? str(payload.chargeBoxSerialNumber),
      firmware: str(payload.firmwareVersion),
    };
  } catch {
    return null;
  }
}
