/**
 * A charger's meter series as columns of numbers (the model's samples, already normalised to W, A,
 * V and Wh by the host): cheap to append, to bound and to decimate. Bounded by count so a long
 * session cannot exhaust the renderer's memory.
 */
import type { MeterSample } from '../../app/host/contract.ts';
import type { Columns } from './decimate.ts';

export const SERIES_KEYS = ['powerW', 'energyWh', 'sessionWh', 'iL1', 'iL2', 'iL3', 'vL1', 'vL2', 'vL3'] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

/** More than a day of 1-second samples for a charger with two connectors. */
export const MAX_SAMPLES = 200_000;

const nan = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

export class SeriesBuffer implements Columns<SeriesKey> {
  length = 0;
  t: Float64Array;
  connector: Int16Array;
  seq: Float64Array;
  series: Record<SeriesKey, Float64Array>;
  /** Transaction id per sample (NaN outside a transaction): where the session energy starts again. */
  tx: Float64Array;
  /** Samples dropped from the start to stay within the bound. */
  dropped = 0;
  private readonly connectorIds = new Set<number>();
  /** Per connector: the transaction of its latest sample and the register reading it started from. */
  private readonly energyBase = new Map<number, { tx: number; wh: number }>();

  constructor(
    private readonly cap = MAX_SAMPLES,
    initialCapacity = 1024,
  ) {
    this.t = new Float64Array(initialCapacity);
    this.connector = new Int16Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.tx = new Float64Array(initialCapacity);
    this.series = Object.fromEntries(SERIES_KEYS.map((k) => [k, new Float64Array(initialCapacity)])) as Record<SeriesKey, Float64Array>;
  }

  get lastSeq(): number {
    return this.length > 0 ? this.seq[this.length - 1]! : 0;
  }

  /** Appends samples newer than the last one held (so history and live events can overlap safely). */
  append(samples: readonly MeterSample[]): number {
    let added = 0;
    for (const s of samples) {
      if (s.seq <= this.lastSeq) continue;
      if (this.length > 0 && s.at < this.t[this.length - 1]!) continue; // a sample out of time order would break the search; the log still has it
      this.ensureRoom();
      const i = this.length++;
      this.t[i] = s.at;
      this.seq[i] = s.seq;
      this.connector[i] = s.connectorId;
      this.connectorIds.add(s.connectorId);
      this.tx[i] = nan(s.transactionId);
      this.series.powerW[i] = nan(s.powerW);
      this.series.energyWh[i] = nan(s.energyWh);
      this.series.sessionWh[i] = this.sessionEnergy(s.connectorId, this.tx[i]!, this.series.energyWh[i]!);
      this.series.iL1[i] = nan(s.currentA[0]);
      this.series.iL2[i] = nan(s.currentA[1]);
      this.series.iL3[i] = nan(s.currentA[2]);
      this.series.vL1[i] = nan(s.voltageV[0]);
      this.series.vL2[i] = nan(s.voltageV[1]);
      this.series.vL3[i] = nan(s.voltageV[2]);
      added++;
    }
    return added;
  }

  /**
   * A buffer with the history (fetched once) before what streamed in meanwhile: history samples
   * older than the first live one, then the live ones.
   */
  withHistory(history: readonly MeterSample[]): SeriesBuffer {
    const merged = new SeriesBuffer(this.cap, Math.max(1024, history.length + this.length));
    const firstLive = this.length > 0 ? this.seq[0]! : Infinity;
    merged.append(history.filter((s) => s.seq < firstLive));
    for (let i = 0; i < this.length; i++) {
      if (this.seq[i]! <= merged.lastSeq || (merged.length > 0 && this.t[i]! < merged.t[merged.length - 1]!)) continue;
      merged.ensureRoom();
      const j = merged.length++;
      for (const [to, from] of merged.pairedColumns(this)) to[j] = from[i]!;
      merged.connectorIds.add(this.connector[i]!);
      // The live samples' session energy counted from the history's start of their transaction.
      merged.series.sessionWh[j] = merged.sessionEnergy(this.connector[i]!, this.tx[i]!, this.energyWh(i));
    }
    return merged;
  }

  private energyWh(i: number): number {
    return this.series.energyWh[i]!;
  }

  /**
   * Energy of the charging session so far: the register's rise since the first reading of this
   * transaction on this connector (a register of 1 234 kWh shows as what this car took). Outside a
   * transaction it counts from the first reading after the last one ended.
   */
  private sessionEnergy(connector: number, tx: number, wh: number): number {
    if (Number.isNaN(wh)) return NaN;
    const base = this.energyBase.get(connector);
    const sameSession = base !== undefined && (base.tx === tx || (Number.isNaN(base.tx) && Number.isNaN(tx)));
    if (!sameSession || Number.isNaN(base.wh)) {
      this.energyBase.set(connector, { tx, wh });
      return 0;
    }
    return wh - base.wh;
  }

  /** Connector ids that sent samples, ascending (kept as samples arrive: the chart asks on every update). */
  connectors(): number[] {
    return [...this.connectorIds].sort((a, b) => a - b);
  }

  private ensureRoom(): void {
    if (this.length >= this.cap) {
      // Drop the oldest tenth at once, so trimming is rare rather than per sample.
      const drop = Math.max(1, Math.floor(this.cap / 10));
      for (const col of this.columns()) col.copyWithin(0, drop, this.length);
      this.length -= drop;
      this.dropped += drop;
    }
    if (this.length < this.t.length) return;
    const size = Math.min(this.cap, this.t.length * 2);
    const grow = <T extends Float64Array | Int16Array>(old: T): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old);
      return next;
    };
    this.t = grow(this.t);
    this.seq = grow(this.seq);
    this.tx = grow(this.tx);
    this.connector = grow(this.connector);
    for (const k of SERIES_KEYS) this.series[k] = grow(this.series[k]);
  }

  private columns(): (Float64Array | Int16Array)[] {
    return [this.t, this.seq, this.tx, this.connector, ...SERIES_KEYS.map((k) => this.series[k])];
  }

  private pairedColumns(other: SeriesBuffer): [Float64Array | Int16Array, Float64Array | Int16Array][] {
    const theirs = other.columns();
    return this.columns().map((col, n) => [col, theirs[n]!]);
  }
}
