/**
 * Recorded sessions shown read-only beside the live ones: a bundle support received, or a session of
 * the library. Its records go through the same event stream as live ones (so every page rebuilds
 * from the frames), under a charger id of its own ("CP1@a1b2") so it never merges with a live
 * charger. A replay plays a session again in time, at 1×, 10× or 100×, into another id
 * ("CP1@replay-1"), growing graphs, timeline and log as they grew on site; idle stretches longer
 * than a minute are shortened to a minute.
 */
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChargerSummary } from '../central/central-system.ts';
import { Emitter } from '../lib/emitter.ts';
import type { EventRecord, FrameRecord, SessionHeader, SessionRecord } from './records.ts';

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
  replay: ReplayState;
};

interface Viewed {
  readonly id: string;
  readonly header: SessionHeader;
  readonly records: readonly SessionRecord[];
  /** The recording as the viewer wrote it (what session.records reads). */
  readonly file: string;
  /** Where it came from: a bundle's file name, or "library". */
  readonly origin: string;
  replay?: Replay;
}

interface Replay {
  state: ReplayState;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Session time played so far (ms from the first record), and the wall clock it was reached at. */
  sessionMs: number;
  wallAt: number;
  /** Session time (gaps shortened) of the last played record. */
  playedMs: number;
}

const TICK_MS = 50;
const MAX_GAP_MS = 60_000;

export class SessionViewer extends Emitter<ViewerEvents> {
  private readonly viewed = new Map<string, Viewed>();
  private replays = 0;

  constructor(
    /** A folder of this run's own (temporary) for the recordings it shows; never the library. */
    private readonly dir: string,
    private readonly takenIds: () => readonly string[] = () => [],
  ) {
    super();
  }

  /** Shows a recorded session whole; returns the charger id it is shown under. */
  show(header: SessionHeader, records: readonly SessionRecord[], origin: string): string {
    const id = this.uniqueId(`${header.chargerId ?? 'session'}@${header.id.slice(-6)}`);
    const renamed = records.map((r) => ({ ...r, charger: id }) as SessionRecord);
    const viewed = this.add(id, { ...header, chargerId: id }, renamed, origin);
    writeFileSync(viewed.file, [JSON.stringify(viewed.header), ...renamed.map((r) => JSON.stringify(r))].join('\n') + '\n');
    for (const r of renamed) this.emitRecord(r);
    return id;
  }

  /** Plays a shown session again from its start into a new charger id. */
  replay(of: string, speed: ReplaySpeed): ReplayState {
    const source = this.get(of);
    const replayId = this.uniqueId(`${source.header.chargerId?.replace(/@.*$/, '') ?? 'session'}@replay-${++this.replays}`);
    const records = source.records.map((r) => ({ ...r, charger: replayId }) as SessionRecord);
    const viewed = this.add(replayId, { ...source.header, chargerId: replayId }, records, source.origin);
    writeFileSync(viewed.file, `${JSON.stringify(viewed.header)}\n`);
    viewed.replay = { state: { replayId, of, playing: true, speed, played: 0, total: records.length, at: null, finished: records.length === 0 }, timer: undefined, sessionMs: 0, wallAt: Date.now(), playedMs: 0 };
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

  sessionOf(chargerId: string): { readonly id: string; readonly file: string; flushNow(): void } | undefined {
    const v = this.viewed.get(chargerId);
    return v ? { id: v.header.id, file: v.file, flushNow: () => {} } : undefined;
  }

  summaries(): ChargerSummary[] {
    return [...this.viewed.values()].map((v) => ({ id: v.id, connected: false, scheme: null, remote: null, tls: null, since: null, sessionId: v.header.id, strict: false, pendingCalls: 0, relay: null, source: v.header.source, recorded: v.origin }));
  }

  close(): void {
    for (const v of this.viewed.values()) clearTimeout(v.replay?.timer);
  }

  private add(id: string, header: SessionHeader, records: readonly SessionRecord[], origin: string): Viewed {
    mkdirSync(this.dir, { recursive: true });
    const viewed: Viewed = { id, header, records, file: join(this.dir, `${id.replace(/[^\w.@-]/g, '_')}.jsonl`), origin };
    this.viewed.set(id, viewed);
    return viewed;
  }

  private tick(viewed: Viewed): void {
    const replay = viewed.replay!;
    replay.timer = setTimeout(() => {
      this.advanceClock(replay);
      const records = viewed.records;
      const start = Date.parse(records[0]!.at);
      const batch: SessionRecord[] = [];
      let previous = replay.state.played > 0 ? Date.parse(records[replay.state.played - 1]!.at) : start;
      let sessionAt = replay.playedMs;
      while (replay.state.played < records.length) {
        const next = records[replay.state.played]!;
        const gap = Math.min(MAX_GAP_MS, Math.max(0, Date.parse(next.at) - previous));
        if (sessionAt + gap > replay.sessionMs) break;
        sessionAt += gap;
        previous = Date.parse(next.at);
        batch.push(next);
        replay.state = { ...replay.state, played: replay.state.played + 1, at: next.at };
      }
      replay.playedMs = sessionAt;
      if (batch.length > 0) {
        appendFileSync(viewed.file, batch.map((r) => JSON.stringify(r)).join('\n') + '\n');
        for (const r of batch) this.emitRecord(r);
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

  private emitRecord(record: SessionRecord): void {
    if (record.t === 'frame') this.emit('frame', record);
    else this.emit('event', record);
  }

  private get(chargerId: string): Viewed {
    const v = this.viewed.get(chargerId);
    if (!v) throw new ViewerError(`${chargerId} is not a recorded session shown here`);
    return v;
  }

  private uniqueId(wanted: string): string {
    const taken = new Set([...this.takenIds(), ...this.viewed.keys()]);
    if (!taken.has(wanted)) return wanted;
    for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
  }
}

export class ViewerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ViewerError';
  }
}
