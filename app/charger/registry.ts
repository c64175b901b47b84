/**
 * The live models of every charger the central system has seen, folded as its records pass. The UI's
 * pages and the readiness suite read these; a recording folds into the same model (foldRecords).
 */
import type { EventRecord, FrameRecord } from '../store/records.ts';
import { ChargerModelBuilder } from './fold.ts';

export interface RecordSource {
  on(name: 'frame', listener: (record: FrameRecord) => void): () => void;
  on(name: 'event', listener: (record: EventRecord) => void): () => void;
}

export class ChargerModels {
  private readonly builders = new Map<string, ChargerModelBuilder>();
  private readonly listeners = new Set<(chargerId: string) => void>();
  private readonly detach: (() => void)[];

  constructor(source: RecordSource) {
    const fold = (record: FrameRecord | EventRecord) => {
      if (record.charger === null || record.leg === 'upstream') return;
      this.builder(record.charger).fold(record);
      for (const listener of this.listeners) listener(record.charger);
    };
    this.detach = [source.on('frame', fold), source.on('event', fold)];
  }

  builder(chargerId: string): ChargerModelBuilder {
    let builder = this.builders.get(chargerId);
    if (!builder) {
      builder = new ChargerModelBuilder(chargerId);
      this.builders.set(chargerId, builder);
    }
    return builder;
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
