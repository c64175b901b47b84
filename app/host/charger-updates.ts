/**
 * Turns the models' per-record changes into `charger.update` events a UI can afford: at most one per
 * charger per interval, each with the parts of the charger's view that changed since the last one
 * and the meter samples that arrived meanwhile. They are gathered on the host's event tick
 * (event-batches.ts, the one batching point between the host and a UI) and go out with the frames
 * of that tick. Idle (no views built) while nobody listens.
 */
import type { ChargerModels } from '../charger/registry.ts';
import type { MeterSample } from '../charger/model.ts';
import { chargerView, type ChargerView } from '../charger/view.ts';

export interface ChargerUpdate {
  readonly chargerId: string;
  /**
   * The view's parts that changed since this charger's previous update (all of them in its first),
   * always with `lastSeq`: a client lays them over the view it holds, or over the one it fetched
   * with charger.view when that is older (the renderer's view-changes.ts).
   */
  readonly changes: Partial<ChargerView> & Pick<ChargerView, 'chargerId' | 'lastSeq'>;
  /** Samples newer than the previous update's, oldest first. */
  readonly samples: readonly MeterSample[];
}

export const UPDATE_INTERVAL_MS = 250;

export class ChargerUpdates {
  /** Chargers changed since their last update. */
  private readonly dirty = new Set<string>();
  /** When each charger's last update went out. */
  private readonly sentAt = new Map<string, number>();
  /** Highest sample seq already sent, per charger. */
  private readonly sentSeq = new Map<string, number>();
  /** Each view field as last sent (JSON), per charger: what did not change is not sent again. */
  private readonly sentView = new Map<string, Map<string, string>>();
  private detach: (() => void) | null = null;

  constructor(
    private readonly models: ChargerModels,
    private readonly publish: (update: ChargerUpdate) => void,
    /** Asks for the next tick (something changed). */
    private readonly wake: () => void,
    private readonly intervalMs = UPDATE_INTERVAL_MS,
  ) {}

  /** Starts batching (a listener arrived). Samples from before are history: clients fetch that with charger.view. */
  start(): void {
    if (this.detach) return;
    for (const id of this.models.ids()) this.sentSeq.set(id, this.models.builder(id).model.samples.at(-1)?.seq ?? 0);
    this.detach = this.models.onChange((chargerId) => {
      this.dirty.add(chargerId);
      this.wake();
    });
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
    this.dirty.clear();
    this.sentAt.clear();
    // A listener that comes later starts from whole views again.
    this.sentView.clear();
  }

  /** On the host's tick: an update for each charger that changed, unless its last one is younger than the interval. */
  collect(): void {
    if (this.dirty.size === 0) return;
    const now = Date.now();
    for (const chargerId of this.dirty) {
      if (now - (this.sentAt.get(chargerId) ?? -Infinity) < this.intervalMs) continue;
      this.dirty.delete(chargerId);
      this.sentAt.set(chargerId, now);
      this.flush(chargerId);
    }
    // The ones held back go out on a later tick.
    if (this.dirty.size > 0) this.wake();
  }

  private flush(chargerId: string): void {
    const model = this.models.builder(chargerId).model;
    const after = this.sentSeq.get(chargerId) ?? 0;
    const fresh: MeterSample[] = model.samples.after(after);
    if (fresh.length > 0) this.sentSeq.set(chargerId, fresh.at(-1)!.seq);
    this.publish({ chargerId, changes: this.changesOf(chargerId, chargerView(chargerId, model)), samples: fresh });
  }

  private changesOf(chargerId: string, view: ChargerView): ChargerUpdate['changes'] {
    let sent = this.sentView.get(chargerId);
    if (!sent) this.sentView.set(chargerId, (sent = new Map()));
    const changes: Record<string, unknown> = { chargerId, lastSeq: view.lastSeq };
    for (const [key, value] of Object.entries(view)) {
      const json = JSON.stringify(value);
      if (sent.get(key) === json) continue;
      sent.set(key, json);
      changes[key] = value;
    }
    return changes as ChargerUpdate['changes'];
  }
}
