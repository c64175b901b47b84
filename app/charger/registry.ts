/**
 * The live models of every charger the central system has seen, folded as its records pass. The UI's
 * pages and the readiness suite read these; a recording folds into the same model (foldRecords).
 */
import type { RefusedEvent } from '../central/connection-events.ts';
import type { EventRecord, FrameRecord, SessionRecord } from '../store/records.ts';
import { ChargerModelBuilder, refusalFact } from './fold.ts';
import type { ChargerModel, RefusalFact } from './model.ts';

export interface RecordSource {
  on(name: 'frame', listener: (record: FrameRecord) => void): () => void;
  on(name: 'event', listener: (record: EventRecord) => void): () => void;
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

export class ChargerModels {
  private readonly builders = new Map<string, ChargerModelBuilder>();
  private readonly listeners = new Set<(chargerId: string) => void>();
  private readonly detach: (() => void)[];
  /** Refusals before the charger could name itself (a failed TLS handshake): they belong to no charger yet. */
  readonly strayRefusals: RefusalFact[] = [];

  /** Every source of records: the central system, and the serial consoles where there are any. */
  constructor(...sources: (RecordSource | BulkSource)[]) {
    const fold = (record: FrameRecord | EventRecord) => {
      if (record.leg === 'upstream') return;
      if (record.charger === null) {
        if (record.t === 'event' && record.event.kind === 'refused') this.addStray(record as EventRecord & { event: RefusedEvent });
        return;
      }
      this.builder(record.charger).fold(record);
      if (this.listeners.size > 0) for (const listener of this.listeners) listener(record.charger);
    };
    const bulk = (given: Bulk) => {
      if ('model' in given) this.builders.set(given.chargerId, new ChargerModelBuilder(given.chargerId, given.model));
      else this.builder(given.chargerId).foldAll(given.records);
      for (const listener of this.listeners) listener(given.chargerId);
    };
    const forget = ({ chargerId }: { readonly chargerId: string }) => this.builders.delete(chargerId);
    this.detach = sources.flatMap((source) => [
      source.on('frame', fold),
      source.on('event', fold),
      ...(isBulk(source) ? [source.on('bulk', bulk), source.on('closed', forget)] : []),
    ]);
  }

  builder(chargerId: string): ChargerModelBuilder {
    let builder = this.builders.get(chargerId);
    if (!builder) {
      builder = new ChargerModelBuilder(chargerId);
      this.builders.set(chargerId, builder);
    }
    return builder;
  }

  /** The ids of every charger with a model. */
  ids(): string[] {
    return [...this.builders.keys()];
  }

  private addStray(record: EventRecord & { event: RefusedEvent }): void {
    this.strayRefusals.push(refusalFact(record.seq, Date.parse(record.at), record.event));
    if (this.strayRefusals.length > 200) this.strayRefusals.shift();
  }

  /** Called after each record folded, with the charger it belonged to. */
  onChange(listener: (chargerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const off of this.detach) off();
    this.listeners.clear();
  }
}

function isBulk(source: RecordSource | BulkSource): source is BulkSource {
  return (source as Partial<BulkSource>).bulkSource === true;
}
