/**
 * Recorded sessions shown read-only beside the live ones: a bundle support received, or a session of
 * the library. It gets a charger id of its own ("CP1@a1b2c3") so it never merges with a live charger.
 * A bundle's model snapshot draws the first graph at once; its frames are parsed when first asked for
 * (the log), which for a million frames is seconds the user does not wait for. A replay plays a
 * session again in time, at 1×, 10× or 100×, into another id ("CP1@replay-1"), through the same
 * event stream as live frames; idle stretches longer than a minute are shortened to a minute.
 */
import { NamedError } from '../lib/named-error.ts';
import type { ChargerSummary } from '../central/central-system.ts';
import type { ChargerModel } from '../charger/model.ts';
import type { Bulk } from '../charger/registry.ts';
import { Emitter } from '../lib/emitter.ts';
import { freeId } from '../lib/free-id.ts';
import type { EventRecord, FrameRecord, SessionHeader, SessionRecord } from '../store/records.ts';
import { parseReport, type RecordedReport } from '../readiness/report.ts';

export type ReplaySpeed = 1 | 10 | 100;

export interface ReplayState {
  readonly replayId: string;
  /** The recorded charger it plays. */
  readonly of: string;
  readonly playing: boolean;
  readonly speed: ReplaySpeed;
  readonly played: number;
  readonly total: number;
  /** The session time reached (the last played record's time). */
  readonly at: string | null;
  readonly finished: boolean;
}

export type ViewerEvents = {
  frame: FrameRecord;
  event: EventRecord;
  /** A whole recorded session at once: folded (or adopted) by the models, not streamed frame by frame. */
  bulk: Bulk;
  replay: ReplayState;
};

interface Viewed {
  readonly id: string;
  readonly header: SessionHeader;
  /** The session's records (as recorded: their charger id is the original one). */
  readonly records: () => readonly SessionRecord[];
  /** Where it came from: a bundle's file name, or "library". */
  readonly origin: string;
  /** The readiness reports recorded with it (checked: reports.ts parseReport), oldest first. */
  readonly reports: readonly RecordedReport[];
  /** For a replay: the records played so far (renamed). */
  played?: SessionRecord[];
  replay?: Replay;
}

interface Replay {
  state: ReplayState;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Session time the replay has reached (ms, gaps shortened), and the wall clock it was reached at. */
  sessionMs: number;
  wallAt: number;
  /** Session time (gaps shortened) of the last played record. */
  playedMs: number;
}

const TICK_MS = 50;
const MAX_GAP_MS = 60_000;

export class SessionViewer extends Emitter<ViewerEvents> {
  /** Tells the models it hands over whole sessions (the 'bulk' event). */
  readonly bulkSource = true;
  private readonly viewed = new Map<string, Viewed>();
  private replays = 0;

  constructor(private readonly takenIds: () => readonly string[] = () => []) {
    super();
  }

  /**
   * Shows a recorded session whole; returns the charger id it is shown under. records may be a
   * function (parsed on first use); model: the bundle's snapshot, folded from the records otherwise.
   */
  show(
    header: SessionHeader,
    records: readonly SessionRecord[] | (() => readonly SessionRecord[]),
    origin: string,
    model?: ChargerModel,
    reportFiles: readonly { readonly name: string; readonly content: string }[] = [],
  ): string {
    const id = this.uniqueId(`${header.chargerId ?? 'session'}@${header.id.slice(-6)}`);
    const all = typeof records === 'function' ? records : () => records;
    this.viewed.set(id, { id, header: { ...header, chargerId: id }, records: all, origin, reports: recordedReports(reportFiles) });
    this.emit(
      'bulk',
      model ? { chargerId: id, model: { ...model, chargerId: id } } : { chargerId: id, records: all().map((r) => ({ ...r, charger: id }) as SessionRecord) },
    );
    return id;
  }

  /** The records of a shown session or a replay (what it has played), after seq, the latest `limit`. */
  recordsOf(chargerId: string, afterSeq = 0, limit = 5_000): { readonly sessionId: string; readonly records: SessionRecord[] } {
    const v = this.get(chargerId);
    const source = v.played ?? v.records();
    let from = source.length;
    while (from > 0 && source[from - 1]!.seq > afterSeq && source.length - from < limit) from--;
    return { sessionId: v.header.id, records: source.slice(from).map((r) => (r.charger === chargerId ? r : ({ ...r, charger: chargerId } as SessionRecord))) };
  }

  /** Plays a shown session again from its start into a new charger id. */
  replay(of: string, speed: ReplaySpeed): ReplayState {
    const source = this.get(of);
    const records = source.records();
    const replayId = this.uniqueId(`${of.replace(/@.*$/, '')}@replay-${++this.replays}`);
    const viewed: Viewed = {
      id: replayId,
      header: { ...source.header, chargerId: replayId },
      records: source.records,
      origin: source.origin,
      reports: source.reports,
      played: [],
    };
    this.viewed.set(replayId, viewed);
    viewed.replay = {
      state: { replayId, of, playing: true, speed, played: 0, total: records.length, at: null, finished: records.length === 0 },
      timer: undefined,
      sessionMs: 0,
      wallAt: Date.now(),
      playedMs: 0,
    };
    this.emit('replay', viewed.replay.state);
    this.tick(viewed);
    return viewed.replay.state;
  }

  /** Pause, resume or change the speed of a replay. */
  control(replayId: string, change: { readonly playing?: boolean; readonly speed?: ReplaySpeed }): ReplayState {
    const viewed = this.get(replayId);
    const replay = viewed.replay;
    if (!replay) throw new ViewerError(`${replayId} is not a replay`);
    this.advanceClock(replay);
    replay.state = { ...replay.state, ...change };
    clearTimeout(replay.timer);
    if (replay.state.playing && !replay.state.finished) this.tick(viewed);
    this.emit('replay', replay.state);
    return replay.state;
  }

  replayStates(): ReplayState[] {
    return [...this.viewed.values()].flatMap((v) => (v.replay ? [v.replay.state] : []));
  }

  isViewed(chargerId: string): boolean {
    return this.viewed.has(chargerId);
  }

  /** The readiness reports recorded with a shown session; null when the charger is not a shown session. */
  reportsOf(chargerId: string): readonly RecordedReport[] | null {
    return this.viewed.get(chargerId)?.reports ?? null;
  }

  summaries(): ChargerSummary[] {
    return [...this.viewed.values()].map((v) => ({
      id: v.id,
      connected: false,
      scheme: null,
      remote: null,
      tls: null,
      since: null,
      sessionId: v.header.id,
      strict: false,
      pendingCalls: 0,
      relay: null,
      source: v.header.source,
      recorded: v.origin,
    }));
  }

  close(): void {
    for (const v of this.viewed.values()) clearTimeout(v.replay?.timer);
  }

  private tick(viewed: Viewed): void {
    const replay = viewed.replay!;
    replay.timer = setTimeout(() => {
      this.advanceClock(replay);
      const records = viewed.records();
      const batch: SessionRecord[] = [];
      let previous = Date.parse(records[Math.max(0, replay.state.played - 1)]!.at);
      let sessionAt = replay.playedMs;
      while (replay.state.played < records.length) {
        const next = records[replay.state.played]!;
        const gap = Math.min(MAX_GAP_MS, Math.max(0, Date.parse(next.at) - previous));
        if (sessionAt + gap > replay.sessionMs) break;
        sessionAt += gap;
        previous = Date.parse(next.at);
        batch.push({ ...next, charger: viewed.id } as SessionRecord);
        replay.state = { ...replay.state, played: replay.state.played + 1, at: next.at };
      }
      replay.playedMs = sessionAt;
      for (const r of batch) {
        viewed.played!.push(r);
        if (r.t === 'frame') this.emit('frame', r);
        else this.emit('event', r);
      }
      if (replay.state.played >= records.length) replay.state = { ...replay.state, finished: true, playing: false };
      if (batch.length > 0 || replay.state.finished) this.emit('replay', replay.state);
      if (replay.state.playing) this.tick(viewed);
    }, TICK_MS);
  }

  /** Moves the replay's session clock on by the wall time since the last look, at its speed. */
  private advanceClock(replay: Replay): void {
    const now = Date.now();
    if (replay.state.playing) replay.sessionMs += (now - replay.wallAt) * replay.state.speed;
    replay.wallAt = now;
  }

  private get(chargerId: string): Viewed {
    const v = this.viewed.get(chargerId);
    if (!v) throw new ViewerError(`${chargerId} is not a recorded session shown here`);
    return v;
  }

  private uniqueId(wanted: string): string {
    return freeId(wanted, [...this.takenIds(), ...this.viewed.keys()]);
  }
}

export class ViewerError extends NamedError {}

/** The JSON reports among a session's report files (a bundle also carries their HTML), each checked; what is no report is left out. */
function recordedReports(files: readonly { readonly name: string; readonly content: string }[]): RecordedReport[] {
  return files.flatMap((f) => {
    const report = f.name.endsWith('.json') ? parseReport(f.content) : null;
    return report ? [{ name: f.name, report }] : [];
  });
}
