/**
 * Recorded sessions shown read-only beside the live ones: a bundle support received, or a session of
 * the library. It gets a charger id of its own ("CP1@a1b2c3") so it never merges with a live charger.
 * Its records are read from their file on demand (a library session's own, or a bundle's recording
 * unpacked to one), never held whole: a recording of any size costs an index and what a page asks
 * for. A bundle's model snapshot draws the first graph at once. At most MAX_SHOWN are shown; closing
 * one lets its model and records go. A replay plays a
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
import { RecordingFile } from '../store/recording-file.ts';
import { msg, render, type Message, type Said } from '../lib/message.ts';
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
  /** A shown session (or replay) was closed: its model and records are let go. reason: why, in words (said: as a message). */
  closed: { readonly chargerId: string; readonly reason: string; readonly said?: Message };
};

interface Viewed {
  readonly id: string;
  readonly header: SessionHeader;
  /** Where its records are read from on demand; settles once a bundle's recording is unpacked. */
  readonly recording: Promise<RecordingFile>;
  /** Where it came from: a bundle's file name, or "library". */
  readonly origin: string;
  /** The readiness reports recorded with it (checked: reports.ts parseReport), oldest first. */
  readonly reports: readonly RecordedReport[];
  /** For a replay: how many records it has played (the first ones of the recording). */
  played?: number;
  /** For a replay: the session it plays. */
  readonly of?: string;
  replay?: Replay;
}

interface Replay {
  state: ReplayState;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Session time the replay has reached (ms, gaps shortened), and the wall clock it was reached at. */
  sessionMs: number;
  wallAt: number;
  /** Session time (gaps shortened) of the last played record, and that record's own time. */
  playedMs: number;
  previousAt: number | null;
  /** The recording's next position to play (a damaged line is a position with no record). */
  position: number;
}

const TICK_MS = 50;
const MAX_GAP_MS = 60_000;
/** Records a replay reads ahead in one tick: a 100× replay of a busy session plays a few hundred. */
const READ_AHEAD = 2_000;
/** Recorded sessions shown at once (replays aside): each holds a model; the oldest is closed for a new one. */
export const MAX_SHOWN = 3;

export class SessionViewer extends Emitter<ViewerEvents> {
  /** Tells the models it hands over whole sessions (the 'bulk' event). */
  readonly bulkSource = true;
  private readonly viewed = new Map<string, Viewed>();
  private replays = 0;

  constructor(private readonly takenIds: () => readonly string[] = () => []) {
    super();
  }

  /**
   * Shows a recorded session whole; returns the charger id it is shown under. recording: where its
   * records are read from (a library session's own file, or a bundle's recording being unpacked);
   * model: the bundle's snapshot, folded from the records otherwise (the recording must then be ready).
   * At most MAX_SHOWN at once: the oldest is closed, and told.
   */
  show(
    header: SessionHeader,
    recording: RecordingFile | Promise<RecordingFile>,
    origin: string,
    model?: ChargerModel,
    reportFiles: readonly { readonly name: string; readonly content: string }[] = [],
  ): string {
    // Its id first, among those shown now: a new recording never takes the id of the one it makes room for.
    // A bundle's charger id is its author's: kept short enough for every list and command of the app.
    const id = this.uniqueId(`${(header.chargerId ?? 'session').slice(0, 200)}@${header.id.slice(-6)}`);
    const shown = [...this.viewed.values()].filter((v) => v.of === undefined);
    for (const oldest of shown.slice(0, Math.max(0, shown.length - MAX_SHOWN + 1)))
      this.close(oldest.id, msg`${MAX_SHOWN} recorded sessions are shown at most: the oldest, ${oldest.id}, was closed to open another`);
    const ready = Promise.resolve(recording);
    ready.catch(() => {});
    this.viewed.set(id, { id, header: { ...header, chargerId: id }, recording: ready, origin, reports: recordedReports(reportFiles) });
    if (model) this.emit('bulk', { chargerId: id, model: { ...model, chargerId: id } });
    else if (recording instanceof RecordingFile) this.emit('bulk', { chargerId: id, records: renamed(recording.all(), id) });
    else throw new ViewerError('a recording without a model snapshot must be read before it is shown');
    return id;
  }

  /** The records of a shown session or a replay (what it has played), after seq, the latest `limit`. */
  async recordsOf(chargerId: string, afterSeq = 0, limit = 5_000): Promise<{ readonly sessionId: string; readonly records: SessionRecord[] }> {
    const v = this.get(chargerId);
    const recording = await v.recording;
    const records = v.played === undefined ? recording.tail(afterSeq, limit) : recording.tail(afterSeq, limit, v.played);
    return { sessionId: v.header.id, records: records.map((r) => (r.charger === chargerId ? r : ({ ...r, charger: chargerId } as SessionRecord))) };
  }

  /** Every record of a shown session (or what a replay has played), in order, a block at a time. */
  async records(chargerId: string): Promise<Iterable<SessionRecord>> {
    const v = this.get(chargerId);
    const recording = await v.recording;
    return v.played === undefined ? recording.all() : recording.range(0, v.played);
  }

  /** Plays a shown session again from its start into a new charger id. */
  async replay(of: string, speed: ReplaySpeed): Promise<ReplayState> {
    const source = this.get(of);
    const recording = await source.recording;
    if (!this.viewed.has(of)) throw new ViewerError(`${of} was closed`);
    const replayId = this.uniqueId(`${of.replace(/@.*$/, '')}@replay-${++this.replays}`);
    const viewed: Viewed = {
      id: replayId,
      header: { ...source.header, chargerId: replayId },
      recording: source.recording,
      origin: source.origin,
      reports: source.reports,
      played: 0,
      of,
    };
    this.viewed.set(replayId, viewed);
    viewed.replay = {
      state: { replayId, of, playing: true, speed, played: 0, total: recording.count, at: null, finished: recording.count === 0 },
      timer: undefined,
      sessionMs: 0,
      wallAt: Date.now(),
      playedMs: 0,
      previousAt: null,
      position: 0,
    };
    this.emit('replay', viewed.replay.state);
    this.tick(viewed, recording);
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
    if (replay.state.playing && !replay.state.finished) void viewed.recording.then((recording) => this.tick(viewed, recording));
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

  /**
   * Closes a shown session (and its replays), or a replay: its model and records are let go, a bundle's
   * unpacked recording removed once nothing shows it. Without an id: every one (the app is closing).
   */
  close(chargerId?: string, reason: Said = 'closed'): boolean {
    if (chargerId === undefined) {
      for (const id of [...this.viewed.keys()]) this.close(id, reason);
      return true;
    }
    const v = this.viewed.get(chargerId);
    if (!v) return false;
    for (const replay of [...this.viewed.values()].filter((r) => r.of === chargerId)) this.close(replay.id, reason);
    clearTimeout(v.replay?.timer);
    this.viewed.delete(chargerId);
    const stillShown = [...this.viewed.values()].some((other) => other.recording === v.recording);
    if (!stillShown)
      void v.recording.then(
        (recording) => recording.close(),
        () => {},
      );
    this.emit('closed', { chargerId, reason: render(reason), ...(typeof reason === 'string' ? {} : { said: reason }) });
    return true;
  }

  private tick(viewed: Viewed, recording: RecordingFile): void {
    const replay = viewed.replay!;
    replay.timer = setTimeout(() => {
      if (!this.viewed.has(viewed.id)) return;
      this.advanceClock(replay);
      const batch: SessionRecord[] = [];
      let sessionAt = replay.playedMs;
      let { position } = replay;
      let played = replay.state.played;
      let at = replay.state.at;
      reading: while (position < recording.count) {
        const ahead = recording.readAt(position, READ_AHEAD);
        for (let i = 0; i < ahead.records.length; i++) {
          const next = ahead.records[i]!;
          const nextAt = Date.parse(next.at);
          const gap = replay.previousAt === null ? 0 : Math.min(MAX_GAP_MS, Math.max(0, nextAt - replay.previousAt));
          if (sessionAt + gap > replay.sessionMs) {
            position = ahead.positions[i]!;
            break reading;
          }
          sessionAt += gap;
          replay.previousAt = nextAt;
          batch.push({ ...next, charger: viewed.id } as SessionRecord);
          played++;
          at = next.at;
        }
        if (ahead.next <= position) break;
        position = ahead.next;
      }
      replay.position = position;
      replay.playedMs = sessionAt;
      replay.state = { ...replay.state, played, at };
      viewed.played = position;
      for (const r of batch) {
        if (r.t === 'frame') this.emit('frame', r);
        else this.emit('event', r);
      }
      if (position >= recording.count) replay.state = { ...replay.state, finished: true, playing: false };
      if (batch.length > 0 || replay.state.finished) this.emit('replay', replay.state);
      if (replay.state.playing) this.tick(viewed, recording);
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

/** Records as the shown session's own: under the id it is shown as. */
function* renamed(records: Iterable<SessionRecord>, chargerId: string): Generator<SessionRecord> {
  for (const r of records) yield { ...r, charger: chargerId } as SessionRecord;
}

export class ViewerError extends NamedError {}

/** The JSON reports among a session's report files (a bundle also carries their HTML), each checked; what is no report is left out. */
function recordedReports(files: readonly { readonly name: string; readonly content: string }[]): RecordedReport[] {
  return files.flatMap((f) => {
    const report = f.name.endsWith('.json') ? parseReport(f.content) : null;
    return report ? [{ name: f.name, report }] : [];
  });
}
