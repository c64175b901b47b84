/**
 * Turns the models' per-record changes into `charger.update` events a UI can afford: at most one per
 * charger per interval, each with the charger's view and the meter samples that arrived since the
 * last one. High-rate data is batched here so the renderer applies it on a schedule, never one UI
 * update per frame. Idle (no timers, no views built) while nobody listens.
 */
import type { ChargerModels } from '../charger/registry.ts';
import type { MeterSample } from '../charger/model.ts';
import { chargerView, type ChargerView } from '../charger/view.ts';

export interface ChargerUpdate {
  readonly chargerId: string;
  readonly view: ChargerView;
  /** Samples newer than the previous update's, oldest first. */
  readonly samples: readonly MeterSample[];
}

export const UPDATE_INTERVAL_MS = 250;

export class ChargerUpdates {
  private readonly due = new Map<string, ReturnType<typeof setTimeout>>();
  /** Highest sample seq already sent, per charger. */
  private readonly sentSeq = new Map<string, number>();
  private detach: (() => void) | null = null;

  constructor(
    private readonly models: ChargerModels,
    private readonly publish: (update: ChargerUpdate) => void,
    private readonly intervalMs = UPDATE_INTERVAL_MS,
  ) {}

  /** Starts batching (a listener arrived). Samples from before are history: clients fetch that with charger.view. */
  start(): void {
    if (this.detach) return;
    for (const id of this.models.ids()) this.sentSeq.set(id, this.models.builder(id).model.samples.at(-1)?.seq ?? 0);
    this.detach = this.models.onChange((chargerId) => this.schedule(chargerId));
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
  }

  private schedule(chargerId: string): void {
    if (this.due.has(chargerId)) return;
    this.due.set(
      chargerId,
      setTimeout(() => {
        this.due.delete(chargerId);
        this.flush(chargerId);
      }, this.intervalMs),
    );
  }

  private flush(chargerId: string): void {
    const model = this.models.builder(chargerId).model;
    const after = this.sentSeq.get(chargerId) ?? 0;
    const fresh: MeterSample[] = model.samples.after(after);
    if (fresh.length > 0) this.sentSeq.set(chargerId, fresh.at(-1)!.seq);
    this.publish({ chargerId, view: chargerView(chargerId, model), samples: fresh });
  }
}
