/**
 * The one batching point between the host and its UIs: every event (frames, connection events,
 * charger updates, console lines, readiness steps) waits for the next tick and goes out with the
 * others in one batch, so a UI gets one message, and re-renders once, per tick however busy the
 * chargers are. Producers that summarise (the charger updates, the console lines) add their events
 * on the tick itself. Nothing is kept, and no timer runs, while nobody listens.
 */
import type { HostEvent } from './contract.ts';

export const EVENT_TICK_MS = 100;

export type BatchListener = (events: readonly HostEvent[]) => void;

export class EventBatches {
  private queue: HostEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<BatchListener>();
  private readonly producers: (() => void)[] = [];

  constructor(private readonly tickMs = EVENT_TICK_MS) {}

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** fn runs at each tick before the batch goes out: it adds what it gathered since the last one. */
  onTick(fn: () => void): void {
    this.producers.push(fn);
  }

  add(event: HostEvent): void {
    if (this.listeners.size === 0) return;
    this.queue.push(event);
    this.wake();
  }

  /** A producer has something for the next tick. */
  wake(): void {
    if (this.listeners.size > 0) this.timer ??= setTimeout(() => this.flush(), this.tickMs);
  }

  /** Sends what is waiting now (the tick does this on its own). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const produce of this.producers) produce();
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch {
        // A listener that throws (a closed UI) misses this batch only.
      }
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  /** The host is closing: nobody hears anything more. */
  close(): void {
    this.listeners.clear();
    this.stop();
  }
}
