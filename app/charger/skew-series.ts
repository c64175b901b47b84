/**
 * The charger's clock against ours, one number pair per timestamped message, in a ring of typed
 * arrays. As a list of objects, a thousand chargers' last 2 000 timestamps each were two million
 * small objects the collector marked at every full collection: p99 at 1 000 chargers fell by a fifth
 * without them (docs/performance.md). The newest `capacity` are kept.
 */
export interface SkewSample {
  readonly seq: number;
  /** Charger timestamp minus receive time, ms (positive: the charger's clock is ahead). */
  readonly skewMs: number;
}

export class SkewSeries implements Iterable<SkewSample> {
  private size = 0;
  private head = 0;
  private seqs: Float64Array;
  private skews: Float64Array;

  constructor(readonly capacity = 2_000) {
    // Small at first and doubled as needed: most chargers send a timestamp a minute.
    const first = Math.min(capacity, 16);
    this.seqs = new Float64Array(first);
    this.skews = new Float64Array(first);
  }

  /** Pairs from elsewhere (a bundle's model, read from a file): each checked, nothing trusted. */
  static from(samples: unknown, capacity?: number): SkewSeries {
    const series = new SkewSeries(capacity);
    if (!Array.isArray(samples)) return series;
    for (const s of samples as { seq?: unknown; skewMs?: unknown }[]) {
      if (s && typeof s === 'object' && typeof s.seq === 'number' && typeof s.skewMs === 'number' && Number.isFinite(s.skewMs)) series.push(s.seq, s.skewMs);
    }
    return series;
  }

  get length(): number {
    return this.size;
  }

  push(seq: number, skewMs: number): void {
    let slot: number;
    if (this.size < this.capacity) {
      if (this.size === this.seqs.length) this.grow();
      slot = this.size++;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % this.capacity;
    }
    this.seqs[slot] = seq;
    this.skews[slot] = skewMs;
  }

  /** The i-th pair, oldest first; a negative i counts from the newest. */
  at(i: number): SkewSample | undefined {
    const index = i < 0 ? this.size + i : i;
    if (index < 0 || index >= this.size) return undefined;
    const slot = (this.head + index) % this.seqs.length;
    return { seq: this.seqs[slot]!, skewMs: this.skews[slot]! };
  }

  *[Symbol.iterator](): Iterator<SkewSample> {
    for (let i = 0; i < this.size; i++) yield this.at(i)!;
  }

  /** As JSON (a bundle's model, the contract): the plain pairs, so files stay as they were. */
  toJSON(): SkewSample[] {
    return [...this];
  }

  private grow(): void {
    const next = Math.min(this.capacity, this.seqs.length * 2);
    const seqs = new Float64Array(next);
    const skews = new Float64Array(next);
    seqs.set(this.seqs);
    skews.set(this.skews);
    this.seqs = seqs;
    this.skews = skews;
  }
}
