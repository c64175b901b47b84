/**
 * The models of every charger the central system has seen. The UI's pages and the readiness suite
 * read these; a recording folds into the same model (foldRecords).
 *
 * Folded on demand: while nobody follows the models' changes (no UI connected, no readiness run, no
 * transfer waiting for a status), a charger's records that are in its session's recording are not
 * folded as they pass — the model is brought up to date from the recording when it is next read
 * (builder) or followed (onChange). Folding a thousand chargers' MeterValues cost a fifth of the
 * central system's time per call, for graphs nobody was looking at; the recording holds the same
 * records, and folding it gives the same model (fold.ts is deterministic).
 */
import type { RefusedEvent } from '../central/connection-events.ts';
import type { EventRecord, FrameRecord, SessionRecord } from '../store/records.ts';
import type { SessionRecorder } from '../store/recorder.ts';
import { readSessionTail } from '../store/session-tail.ts';
import { ChargerModelBuilder, refusalFact } from './fold.ts';
import type { ChargerModel, RefusalFact } from './model.ts';

export interface RecordSource {
  on(name: 'frame', listener: (record: FrameRecord) => void): () => void;
  on(name: 'event', listener: (record: EventRecord) => void): () => void;
  /**
   * The session that holds every record this source hands over for `chargerId`, if there is one:
   * those records can then wait there until the charger's model is read.
   */
  recordingOf?(chargerId: string): SessionRecorder | undefined;
}

/** A source that also hands over whole recorded sessions at once (the session viewer), and takes them back. */
export interface BulkSource {
  readonly bulkSource: true;
  on(name: 'frame', listener: (record: FrameRecord) => void): () => void;
  on(name: 'event', listener: (record: EventRecord) => void): () => void;
  on(name: 'bulk', listener: (bulk: Bulk) => void): () => void;
  /** A shown session was closed: its model is let go. */
  on(name: 'closed', listener: (closed: { readonly chargerId: string }) => void): () => void;
}

/** A recorded session handed over whole: its records to fold (read as they are folded), or the model already folded from them. */
export type Bulk = { readonly chargerId: string } & ({ readonly records: Iterable<SessionRecord> } | { readonly model: ChargerModel });

/** A charger's model, and how far it has folded the records waiting in its recording. */
interface Entry {
  readonly builder: ChargerModelBuilder;
  /** The recording with records not folded yet (null: the model is up to date). */
  behind: SessionRecorder | null;
  /** The recording whose records were folded last, and the last of them: a catch-up starts after it. */
  recording: SessionRecorder | null;
  foldedSeq: number;
  /** Where in that recording's file the next catch-up starts reading. */
  readFrom: number;
}

export class ChargerModels {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(chargerId: string) => void>();
  private readonly detach: (() => void)[];
  /** Refusals before the charger could name itself (a failed TLS handshake): they belong to no charger yet. */
  readonly strayRefusals: RefusalFact[] = [];

  /** Every source of records: the central system, and the serial consoles where there are any. */
  constructor(...sources: (RecordSource | BulkSource)[]) {
    const bulk = (given: Bulk) => {
      if ('model' in given) this.entries.set(given.chargerId, newEntry(new ChargerModelBuilder(given.chargerId, given.model)));
      else this.builder(given.chargerId).foldAll(given.records);
      for (const listener of this.listeners) listener(given.chargerId);
    };
    const forget = ({ chargerId }: { readonly chargerId: string }) => this.entries.delete(chargerId);
    this.detach = sources.flatMap((source) => {
      const fold = (record: FrameRecord | EventRecord) => this.fold(record, source);
      return [source.on('frame', fold), source.on('event', fold), ...(isBulk(source) ? [source.on('bulk', bulk), source.on('closed', forget)] : [])];
    });
  }

  /** The charger's model builder, its model up to date with every record so far. */
  builder(chargerId: string): ChargerModelBuilder {
    const entry = this.entry(chargerId);
    if (entry.behind) this.catchUp(chargerId, entry);
    return entry.builder;
  }

  /** The ids of every charger with a model. */
  ids(): string[] {
    return [...this.entries.keys()];
  }

  private entry(chargerId: string): Entry {
    let entry = this.entries.get(chargerId);
    if (!entry) {
      entry = newEntry(new ChargerModelBuilder(chargerId));
      this.entries.set(chargerId, entry);
    }
    return entry;
  }

  private fold(record: FrameRecord | EventRecord, source: RecordSource | BulkSource): void {
    if (record.leg === 'upstream') return;
    const chargerId = record.charger;
    if (chargerId === null) {
      if (record.t === 'event' && record.event.kind === 'refused') this.addStray(record as EventRecord & { event: RefusedEvent });
      return;
    }
    const entry = this.entry(chargerId);
    const recording = (source as RecordSource).recordingOf?.(chargerId);
    if (recording !== undefined && this.listeners.size === 0) {
      // Nobody follows the changes: the record waits in the recording until the model is read.
      if (entry.behind !== recording) {
        if (entry.behind) this.catchUp(chargerId, entry);
        if (entry.recording !== recording) this.moveTo(entry, recording);
        entry.behind = recording;
      }
      return;
    }
    // Followed models are never behind (onChange caught them up); one is when a source without a
    // recording hands over a record for a charger whose recorded ones still wait: those go first.
    if (entry.behind) this.catchUp(chargerId, entry);
    if (recording !== undefined) {
      if (entry.recording !== recording) this.moveTo(entry, recording);
      entry.foldedSeq = record.seq;
    }
    entry.builder.fold(record);
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(chargerId);
  }

  /** Folds the records waiting in the charger's recording, read back from its file and its unwritten lines. */
  private catchUp(chargerId: string, entry: Entry): void {
    const recording = entry.behind;
    entry.behind = null;
    // Behind on the recording it last moved to (fold sets both together).
    if (recording === null) return;
    const builder = entry.builder;
    let folded = entry.foldedSeq;
    try {
      const read = readSessionTail(recording.file, entry.readFrom, recording.unwritten(), folded, (record) => {
        if (record.leg === 'upstream' || record.charger !== chargerId) return;
        builder.fold(record);
        folded = record.seq;
      });
      entry.readFrom = read.end;
    } catch {
      // The file cannot be read back (removed under a live session): the model keeps what it has.
    }
    entry.foldedSeq = folded;
  }

  /** A charger's records now go to another recording (a new run's session): its sequence starts again. */
  private moveTo(entry: Entry, recording: SessionRecorder): void {
    entry.recording = recording;
    entry.foldedSeq = 0;
    entry.readFrom = 0;
  }

  private addStray(record: EventRecord & { event: RefusedEvent }): void {
    this.strayRefusals.push(refusalFact(record.seq, Date.parse(record.at), record.event));
    if (this.strayRefusals.length > 200) this.strayRefusals.shift();
  }

  /** Called after each record folded, with the charger it belonged to. */
  onChange(listener: (chargerId: string) => void): () => void {
    // Followed from now on: every model is brought up to date, then folded as its records pass.
    for (const [chargerId, entry] of this.entries) if (entry.behind) this.catchUp(chargerId, entry);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const off of this.detach) off();
    this.listeners.clear();
  }
}

function newEntry(builder: ChargerModelBuilder): Entry {
  return { builder, behind: null, recording: null, foldedSeq: 0, readFrom: 0 };
}

function isBulk(source: RecordSource | BulkSource): source is BulkSource {
  return (source as Partial<BulkSource>).bulkSource === true;
}
