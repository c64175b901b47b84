/**
 * The message log: every frame the host reported, bounded by count and bytes, with the call ↔
 * answer pairing and filters computed incrementally (a new batch is filtered on its own, the whole
 * log only when the filter changes). Pure; the page virtualises what it shows.
 */
import type { FrameRecord } from '../../app/host/contract.ts';

export interface LogRow {
  readonly seq: number;
  readonly at: string;
  readonly charger: string;
  readonly leg: string;
  readonly dir: 'rx' | 'tx';
  /** 2 CALL, 3 CALLRESULT, 4 CALLERROR, 0 not a frame. */
  readonly type: number;
  readonly id: string;
  /** For answers: the action of the call they answer (when the host knew it). */
  readonly action: string;
  readonly raw: string;
  readonly issues: readonly string[];
  readonly latencyMs: number | null;
  /** On a relayed charger: local, injected, replay, rewritten (see FrameOrigin); "" for the peer's own. */
  readonly origin: string;
}

export interface LogFilter {
  readonly charger: string;
  readonly action: string;
  readonly dir: '' | 'rx' | 'tx';
  /** '' all legs; charger: the charger's connection; upstream: the relay's connection to the platform. */
  readonly leg: '' | 'charger' | 'upstream' | 'serial';
  readonly errorsOnly: boolean;
  readonly text: string;
}

export const NO_FILTER: LogFilter = { charger: '', action: '', dir: '', leg: '', errorsOnly: false, text: '' };

export const MAX_ROWS = 200_000;
export const MAX_BYTES = 128 * 1024 * 1024;

export function toRow(f: FrameRecord): LogRow {
  return {
    seq: f.seq,
    at: f.at,
    charger: f.charger ?? '',
    leg: f.leg,
    dir: f.dir,
    type: f.type ?? 0,
    id: f.id ?? '',
    action: f.action ?? '',
    raw: f.raw,
    issues: f.issues.map((i) => ('path' in i && i.path ? `${i.path}: ${i.message}` : i.message)),
    latencyMs: f.latencyMs ?? null,
    origin: f.origin ?? '',
  };
}

const half = (r: LogRow): 'call' | 'answer' => (r.type === 2 ? 'call' : 'answer');

export const isError = (r: LogRow) => r.type === 4 || r.type === 0 || r.issues.length > 0;

export function matches(r: LogRow, f: LogFilter, needle = f.text.toLowerCase()): boolean {
  if (f.charger && r.charger !== f.charger) return false;
  if (f.action && r.action !== f.action) return false;
  if (f.dir && r.dir !== f.dir) return false;
  if (f.leg && r.leg !== f.leg) return false;
  if (f.errorsOnly && !isError(r)) return false;
  if (needle && !r.raw.toLowerCase().includes(needle) && !r.action.toLowerCase().includes(needle) && !r.charger.toLowerCase().includes(needle)) return false;
  return true;
}

export class MessageLog {
  rows: LogRow[] = [];
  /** Indexes into rows that pass the filter, in order. */
  visible: number[] = [];
  filter: LogFilter = NO_FILTER;
  bytes = 0;
  dropped = 0;
  readonly actions = new Set<string>();
  readonly chargers = new Set<string>();
  /** The legs seen: more than "charger" means a relay (or a serial console) is in the log. */
  readonly legs = new Set<string>();
  /** Index of each frame by charger + message id + type, to pair calls and answers. */
  private readonly byKey = new Map<string, LogRow>();

  append(frames: readonly FrameRecord[]): void {
    const needle = this.filter.text.toLowerCase();
    for (const f of frames) {
      if (this.seenSeq(f)) continue;
      const row = toRow(f);
      this.rows.push(row);
      this.index(row);
      if (matches(row, this.filter, needle)) this.visible.push(this.rows.length - 1);
    }
    this.trim();
  }

  /**
   * A charger's history (fetched once): the frames older than the first of its that streamed in
   * meanwhile go before everything else, then the filter is applied again.
   */
  insertHistory(frames: readonly FrameRecord[]): void {
    const firstLive = new Map<string, number>();
    for (const r of this.rows) {
      const key = `${r.charger}\u0000${r.leg}`;
      if (!firstLive.has(key)) firstLive.set(key, r.seq);
    }
    const older: LogRow[] = [];
    for (const f of frames) {
      const key = `${f.charger ?? ''}\u0000${f.leg}`;
      if (f.seq >= (firstLive.get(key) ?? Infinity)) continue;
      older.push(toRow(f));
      this.lastSeqOf.set(key, Math.max(f.seq, this.lastSeqOf.get(key) ?? 0));
    }
    for (const row of older) this.index(row);
    this.rows = [...older, ...this.rows];
    this.setFilter(this.filter);
    this.trim();
  }

  setFilter(filter: LogFilter): void {
    this.filter = filter;
    const needle = filter.text.toLowerCase();
    const visible: number[] = [];
    for (let i = 0; i < this.rows.length; i++) if (matches(this.rows[i]!, filter, needle)) visible.push(i);
    this.visible = visible;
  }

  /** The other half of a call or an answer (the call of a result, the result of a call), if logged. */
  partner(row: LogRow): LogRow | undefined {
    if (!row.id) return undefined;
    return this.byKey.get(pairKey(row, half(row) === 'call' ? 'answer' : 'call'));
  }

  indexOfSeq(charger: string, seq: number): number {
    for (let i = this.rows.length - 1; i >= 0; i--) if (this.rows[i]!.seq === seq && this.rows[i]!.charger === charger) return i;
    return -1;
  }

  private index(row: LogRow): void {
    this.bytes += row.raw.length * 2 + 200;
    if (row.action) this.actions.add(row.action);
    if (row.charger) this.chargers.add(row.charger);
    this.legs.add(row.leg);
    if (row.id) {
      const key = pairKey(row, half(row));
      // History arrives after live rows: keep the newest row of a key.
      const held = this.byKey.get(key);
      if (!held || held.seq <= row.seq) this.byKey.set(key, row);
    }
  }

  /** Frames carry per-session seqs: a charger's session is monotonic, so older or equal ones are repeats (history + live overlap). */
  private readonly lastSeqOf = new Map<string, number>();
  private seenSeq(f: FrameRecord): boolean {
    const key = `${f.charger}\u0000${f.leg}`;
    const last = this.lastSeqOf.get(key) ?? 0;
    if (f.seq <= last) return true;
    this.lastSeqOf.set(key, f.seq);
    return false;
  }

  private trim(): void {
    if (this.rows.length <= MAX_ROWS && this.bytes <= MAX_BYTES) return;
    // Drop the oldest tenth (more if bytes demand it) at once, then re-index.
    let drop = Math.min(this.rows.length, Math.max(this.rows.length - MAX_ROWS, 0) + Math.floor(this.rows.length / 10) + 1);
    let bytes = this.bytes;
    for (let i = 0; i < drop; i++) bytes -= this.rows[i]!.raw.length * 2 + 200;
    while (bytes > MAX_BYTES && drop < this.rows.length) bytes -= this.rows[drop++]!.raw.length * 2 + 200;
    for (let i = 0; i < drop; i++) {
      const row = this.rows[i]!;
      this.bytes -= row.raw.length * 2 + 200;
      if (row.id) {
        const key = pairKey(row, half(row));
        if (this.byKey.get(key) === row) this.byKey.delete(key);
      }
    }
    this.rows = this.rows.slice(drop);
    this.dropped += drop;
    this.visible = this.visible.filter((i) => i >= drop).map((i) => i - drop);
  }
}

/** A call and its answer share the charger, the leg and the id, and travel in opposite directions. */
function pairKey(row: LogRow, half: 'call' | 'answer'): string {
  const callDir = row.type === 2 ? row.dir : row.dir === 'rx' ? 'tx' : 'rx';
  return `${row.charger}\u0000${row.leg}\u0000${callDir}\u0000${row.id}\u0000${half}`;
}
