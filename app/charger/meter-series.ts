/**
 * A charger's meter samples, kept as rows of one typed array instead of one object per sample: a day
 * of 1 s samples is 86 400 of them, and as objects each took ~470 bytes of heap that the garbage
 * collector walked again and again (measured: a fifth of the central system's CPU at 1 000 chargers).
 * Here a sample is 128 bytes outside the collector's reach: two cache lines, where a column per
 * quantity (as before) touched fifteen for every sample added — at a thousand chargers each add
 * missed the cache that often. The newest `capacity` samples are kept (a ring: adding beyond it drops
 * the oldest in constant time); the recording keeps every one. Reads hand out ordinary MeterSample
 * objects, built on demand.
 *
 * The rows live in chunks, added as the series grows and never copied (see grow).
 */
import { ReadingScratch } from './meter-values.ts';

/** One meterValue entry, normalised. null where the charger did not send that quantity. */
export interface MeterSample {
  readonly seq: number;
  /** MeterValues, or the transactionData of a StopTransaction (which repeats earlier readings). */
  readonly source: 'MeterValues' | 'StopTransaction';
  /** The charger's timestamp (ms), or the receive time when it sent none or an unreadable one. */
  readonly at: number;
  readonly receivedAt: number;
  readonly connectorId: number;
  readonly transactionId: number | null;
  readonly context: string;
  /** Active import power, W: measured, or Current.Import × Voltage when power is missing. */
  readonly powerW: number | null;
  readonly powerSource: 'measured' | 'current×voltage' | null;
  /** Power from the energy register's rise since the previous sample on this connector, W. */
  readonly registerRateW: number | null;
  /** Per phase L1, L2, L3 (A and V); a value without phase is put on L1. */
  readonly currentA: readonly (number | null)[];
  readonly voltageV: readonly (number | null)[];
  readonly energyWh: number | null;
  readonly socPercent: number | null;
  readonly offeredA: number | null;
  /** The measurands present, as sent (e.g. "Power.Active.Import"). */
  readonly measurands: readonly string[];
  /** Units as sent, by measurand (the normalisation used them). */
  readonly units: Readonly<Record<string, string>>;
}

const SOURCES: readonly MeterSample['source'][] = ['MeterValues', 'StopTransaction'];
const POWER_SOURCES: readonly MeterSample['powerSource'][] = [null, 'measured', 'current×voltage'];
/** Distinct contexts and measurand sets beyond this share the last slot (a hostile recording cannot grow the tables). */
const MAX_DISTINCT = 4_096;
/**
 * Up to this many contexts or measurand sets are searched one by one (a charger has one or two);
 * beyond it a Map finds them: a hostile bundle or charger naming thousands made every sample search
 * thousands (400 000 samples from a file: minutes of the host's time).
 */
const SEARCHED_IN_ORDER = 8;

/** Where each quantity sits in a sample's row. */
const SEQ = 0;
const AT = 1;
const RECEIVED = 2;
const TRANSACTION = 3;
const POWER = 4;
const REGISTER_RATE = 5;
const ENERGY = 6;
const SOC = 7;
const OFFERED = 8;
const CURRENT = 9; // L1, L2, L3
const VOLTAGE = 12; // L1, L2, L3
/** The connector (16 bits), the source and power source (3), the context (12) and the shape (12) in one number: 43 bits, exact in a double. */
const PACKED = 15;
const STRIDE = 16;
/**
 * The rows' chunks: 16 samples, then 16, 32, 64 and 128 (each as many as all before it), then 256
 * (32 KiB) each. A series never copies its rows to grow (see grow).
 */
const FIRST_SHIFT = 4;
const CHUNK_SHIFT = 8;
const FIRST_ROWS = 1 << FIRST_SHIFT;
const CHUNK_ROWS = 1 << CHUNK_SHIFT;
/** Chunks smaller than CHUNK_ROWS: 16, 16, 32, 64, 128. */
const GROWING_CHUNKS = CHUNK_SHIFT - FIRST_SHIFT + 1;

/** The chunk of rows a slot is in. */
function chunkOf(slot: number): number {
  if (slot < FIRST_ROWS) return 0;
  // Slots 16–31 are in chunk 1, 32–63 in chunk 2 … 128–255 in chunk 4: by the slot's highest bit.
  if (slot < CHUNK_ROWS) return 31 - Math.clz32(slot) - FIRST_SHIFT + 1;
  return GROWING_CHUNKS - 1 + (slot >>> CHUNK_SHIFT);
}

/** The first slot of a chunk. */
function chunkStart(chunk: number): number {
  if (chunk === 0) return 0;
  if (chunk < GROWING_CHUNKS) return 1 << (chunk + FIRST_SHIFT - 1);
  return (chunk - GROWING_CHUNKS + 1) << CHUNK_SHIFT;
}

/** The rows of a chunk: FIRST_ROWS for the first, then as many as all before it, up to CHUNK_ROWS. */
function chunkRows(chunk: number): number {
  return chunk === 0 ? FIRST_ROWS : chunk < GROWING_CHUNKS ? chunkStart(chunk) : CHUNK_ROWS;
}

/** The packed number's parts, as pack put them. */
const connectorOf = (packed: number): number => packed % 65_536;
const codesOf = (packed: number): number => Math.floor(packed / 65_536) % 8;
const contextOf = (packed: number): number => Math.floor(packed / 524_288) % 4_096;
const shapeOf = (packed: number): number => Math.floor(packed / 2_147_483_648);

function pack(connectorId: number, codes: number, context: number, shape: number): number {
  // The connector as a Uint16Array would keep it (a charger may send anything): it cannot spill into the other fields.
  return (connectorId & 0xffff) + 65_536 * (codes + 8 * (context + 4_096 * shape));
}

interface Shape {
  readonly measurands: readonly string[];
  readonly units: Readonly<Record<string, string>>;
  /** How many units the record holds (a sample from a file may name units of measurands it lacks). */
  readonly unitCount: number;
}

/**
 * How a bundle keeps a series: a row of numbers a sample, and the tables of contexts and measurand
 * sets the rows point into. As objects a sample took ~510 bytes of JSON (its measurands and units
 * spelled out every time), so a model at the cap of 400 000 samples (~205 MB) was more than a bundle's
 * model may unpack to, and a long session exported by the app would not open in it; as rows ~100.
 */
export interface MeterRows {
  readonly format: typeof ROWS_FORMAT;
  /** What each number of a row is (ROW_FIELDS); a reader finds each by name. */
  readonly fields: readonly string[];
  readonly contexts: readonly string[];
  readonly shapes: readonly { readonly measurands: readonly string[]; readonly units: Readonly<Record<string, string>> }[];
  /** fields.length numbers a sample, oldest first; null where the charger sent nothing. */
  readonly rows: readonly (number | null)[];
}

const ROWS_FORMAT = 'meter-rows-1';
const ROW_FIELDS = [
  'seq',
  'source',
  'at',
  'receivedAt',
  'connectorId',
  'transactionId',
  'context',
  'powerW',
  'powerSource',
  'registerRateW',
  'currentL1',
  'currentL2',
  'currentL3',
  'voltageL1',
  'voltageL2',
  'voltageL3',
  'energyWh',
  'socPercent',
  'offeredA',
  'shape',
] as const;

/** null travels as NaN in the columns. */
const put = (value: number | null): number => (value === null ? NaN : value);
const get = (value: number): number | null => (Number.isNaN(value) ? null : value);

export class MeterSeries implements Iterable<MeterSample> {
  private size = 0;
  /** Index of the oldest sample once the ring has wrapped. */
  private head = 0;
  /** Slots with a row: the chunks' rows together. */
  private allocated = 0;
  /** STRIDE numbers per sample (see the offsets above), in chunks (see chunkOf). */
  private readonly chunks: Float64Array[] = [];
  private readonly contexts: string[] = [];
  private readonly shapes: Shape[] = [];
  /** The tables by value, for when they have grown past SEARCHED_IN_ORDER. */
  private readonly contextIds = new Map<string, number>();
  private readonly shapeIds = new Map<string, number>();
  /** The shape the last reading had: a charger sends the same measurands sample after sample. */
  private lastShape = -1;
  private lastContext = 0;

  constructor(readonly capacity = 400_000) {
    // Small at first: a central system holds a series per connector of every connected charger, and
    // 256 samples up front cost ~30 KiB each before the charger sends its first reading.
    this.grow();
  }

  /** Samples from elsewhere (a bundle's model, read from a file): each value checked, nothing trusted. */
  static from(samples: unknown, capacity?: number): MeterSeries {
    const series = new MeterSeries(capacity);
    if (Array.isArray(samples)) {
      // A list of sample objects: what bundles held before rows, and what the contract carries.
      for (const s of samples as Record<string, unknown>[]) if (s && typeof s === 'object') series.push(sampleFrom(s));
    } else if (isRows(samples)) {
      for (const sample of samplesOfRows(samples)) series.push(sample);
    }
    return series;
  }

  /** The samples as rows of numbers (MeterRows), oldest first: how a bundle keeps them. */
  toRows(): MeterRows {
    const rows: (number | null)[] = [];
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) % this.allocated;
      const chunk = chunkOf(slot);
      const r = this.chunks[chunk]!;
      const row = (slot - chunkStart(chunk)) * STRIDE;
      const packed = r[row + PACKED]!;
      const codes = codesOf(packed);
      rows.push(
        r[row + SEQ]!,
        codes & 1,
        r[row + AT]!,
        r[row + RECEIVED]!,
        connectorOf(packed),
        get(r[row + TRANSACTION]!),
        contextOf(packed),
        get(r[row + POWER]!),
        codes >> 1,
        get(r[row + REGISTER_RATE]!),
        get(r[row + CURRENT]!),
        get(r[row + CURRENT + 1]!),
        get(r[row + CURRENT + 2]!),
        get(r[row + VOLTAGE]!),
        get(r[row + VOLTAGE + 1]!),
        get(r[row + VOLTAGE + 2]!),
        get(r[row + ENERGY]!),
        get(r[row + SOC]!),
        get(r[row + OFFERED]!),
        shapeOf(packed),
      );
    }
    return {
      format: ROWS_FORMAT,
      fields: ROW_FIELDS,
      contexts: [...this.contexts],
      shapes: this.shapes.map(({ measurands, units }) => ({ measurands, units })),
      rows,
    };
  }

  get length(): number {
    return this.size;
  }

  push(sample: MeterSample): void {
    const { seq, source, at, receivedAt, connectorId, transactionId, registerRateW } = sample;
    this.pushReading(seq, source, at, receivedAt, connectorId, transactionId, registerRateW, sample);
  }

  /**
   * One reading straight into its row: the fold hands its scratch reading (no sample object on the
   * way: its hot path), push a whole sample from elsewhere.
   */
  pushReading(
    seq: number,
    source: MeterSample['source'],
    at: number,
    receivedAt: number,
    connectorId: number,
    transactionId: number | null,
    registerRateW: number | null,
    reading: ReadingScratch | MeterSample,
  ): void {
    const slot = this.nextSlot();
    const chunk = chunkOf(slot);
    const r = this.chunks[chunk]!;
    const row = (slot - chunkStart(chunk)) * STRIDE;
    r[row + SEQ] = seq;
    r[row + AT] = at;
    r[row + RECEIVED] = receivedAt;
    r[row + TRANSACTION] = put(transactionId);
    r[row + POWER] = put(reading.powerW);
    r[row + REGISTER_RATE] = put(registerRateW);
    r[row + ENERGY] = put(reading.energyWh);
    r[row + SOC] = put(reading.socPercent);
    r[row + OFFERED] = put(reading.offeredA);
    for (let p = 0; p < 3; p++) {
      r[row + CURRENT + p] = put(reading.currentA[p] ?? null);
      r[row + VOLTAGE + p] = put(reading.voltageV[p] ?? null);
    }
    const codes = (source === 'StopTransaction' ? 1 : 0) | (Math.max(0, POWER_SOURCES.indexOf(reading.powerSource)) << 1);
    const shape = reading instanceof ReadingScratch ? this.shapeOfReading(reading) : this.shapeIndex(reading.measurands, reading.units);
    r[row + PACKED] = pack(connectorId, codes, this.contextIndex(reading.context), shape);
  }

  /** The i-th sample, oldest first; a negative i counts from the newest (as Array.prototype.at). */
  at(i: number): MeterSample | undefined {
    const index = i < 0 ? this.size + i : i;
    if (index < 0 || index >= this.size) return undefined;
    return this.read((this.head + index) % this.allocated);
  }

  /** The seq of the i-th sample without building it (searches and "what is new" read only this). */
  seqAt(i: number): number {
    const slot = (this.head + (i < 0 ? this.size + i : i)) % this.allocated;
    const chunk = chunkOf(slot);
    return this.chunks[chunk]![(slot - chunkStart(chunk)) * STRIDE + SEQ]!;
  }

  /** Samples from..to (exclusive), oldest first; negative indices count from the newest. */
  slice(from = 0, to = this.size): MeterSample[] {
    const start = Math.max(0, from < 0 ? this.size + from : Math.min(from, this.size));
    const end = Math.max(start, to < 0 ? this.size + to : Math.min(to, this.size));
    const out: MeterSample[] = new Array<MeterSample>(end - start);
    for (let i = start; i < end; i++) out[i - start] = this.read((this.head + i) % this.allocated);
    return out;
  }

  /** The newest samples whose seq is above `seq`, oldest first. */
  after(seq: number): MeterSample[] {
    let i = this.size;
    while (i > 0 && this.seqAt(i - 1) > seq) i--;
    return this.slice(i);
  }

  filter(keep: (sample: MeterSample) => boolean): MeterSample[] {
    const out: MeterSample[] = [];
    for (const sample of this) if (keep(sample)) out.push(sample);
    return out;
  }

  *[Symbol.iterator](): Iterator<MeterSample> {
    for (let i = 0; i < this.size; i++) yield this.read((this.head + i) % this.allocated);
  }

  /** As JSON (the contract to the UI): the plain samples. Bundles keep rows (toRows). */
  toJSON(): MeterSample[] {
    return this.slice();
  }

  private read(slot: number): MeterSample {
    const chunk = chunkOf(slot);
    const r = this.chunks[chunk]!;
    const row = (slot - chunkStart(chunk)) * STRIDE;
    const packed = r[row + PACKED]!;
    const connectorId = connectorOf(packed);
    const codes = codesOf(packed);
    const context = contextOf(packed);
    const shape = this.shapes[shapeOf(packed)]!;
    return {
      seq: r[row + SEQ]!,
      source: SOURCES[codes & 1]!,
      at: r[row + AT]!,
      receivedAt: r[row + RECEIVED]!,
      connectorId,
      transactionId: get(r[row + TRANSACTION]!),
      context: this.contexts[context]!,
      powerW: get(r[row + POWER]!),
      powerSource: POWER_SOURCES[codes >> 1] ?? null,
      registerRateW: get(r[row + REGISTER_RATE]!),
      currentA: [get(r[row + CURRENT]!), get(r[row + CURRENT + 1]!), get(r[row + CURRENT + 2]!)],
      voltageV: [get(r[row + VOLTAGE]!), get(r[row + VOLTAGE + 1]!), get(r[row + VOLTAGE + 2]!)],
      energyWh: get(r[row + ENERGY]!),
      socPercent: get(r[row + SOC]!),
      offeredA: get(r[row + OFFERED]!),
      measurands: shape.measurands,
      units: shape.units,
    };
  }

  /** The slot the next sample goes to: a new one, or the oldest's once the ring is full. */
  private nextSlot(): number {
    if (this.size < this.capacity) {
      if (this.size === this.allocated) this.grow();
      return this.size++;
    }
    const slot = this.head;
    this.head = (this.head + 1) % this.capacity;
    return slot;
  }

  private contextIndex(context: string): number {
    // The last one first: a charger's samples are nearly all Sample.Periodic.
    if (this.contexts[this.lastContext] === context) return this.lastContext;
    const known = this.contexts.length <= SEARCHED_IN_ORDER ? this.contexts.indexOf(context) : (this.contextIds.get(context) ?? -1);
    if (known >= 0) return (this.lastContext = known);
    if (this.contexts.length >= MAX_DISTINCT) return this.contexts.length - 1;
    this.contextIds.set(context, this.contexts.length);
    return this.contexts.push(context) - 1;
  }

  private shapeIndex(measurands: readonly string[], units: Readonly<Record<string, string>>): number {
    if (this.shapes.length > SEARCHED_IN_ORDER) {
      const known = this.shapeIds.get(shapeKey(measurands, units));
      if (known !== undefined) return known;
    } else {
      // Newest first: a charger sends the same measurands sample after sample.
      for (let i = this.shapes.length - 1; i >= 0; i--) {
        const shape = this.shapes[i]!;
        if (sameList(shape.measurands, measurands) && sameUnits(shape.units, units)) return i;
      }
    }
    if (this.shapes.length >= MAX_DISTINCT) return this.shapes.length - 1;
    this.shapeIds.set(shapeKey(measurands, units), this.shapes.length);
    return this.shapes.push({ measurands: [...measurands], units: { ...units }, unitCount: Object.keys(units).length }) - 1;
  }

  /** The shape of a reading: the last one matched is tried first, and a new one is made only for a shape not seen before. */
  private shapeOfReading(reading: ReadingScratch): number {
    if (this.lastShape >= 0 && readingHasShape(reading, this.shapes[this.lastShape]!)) return this.lastShape;
    if (this.shapes.length <= SEARCHED_IN_ORDER) {
      for (let i = this.shapes.length - 1; i >= 0; i--) if (readingHasShape(reading, this.shapes[i]!)) return (this.lastShape = i);
    }
    // Not among the few searched above: as a sample's measurands and units, looked up or added.
    const measurands = reading.measurands.slice(0, reading.size);
    const units: Record<string, string> = {};
    for (let i = 0; i < reading.size; i++) units[measurands[i]!] = reading.units[i]!;
    return (this.lastShape = this.shapeIndex(measurands, units));
  }

  /**
   * Room for more samples: a new chunk, as large as all before it up to CHUNK_ROWS. Rows are never
   * copied, so a growing series leaves no old arrays behind: one array doubled left each old copy
   * (long-lived, so in the old generation) holding its memory until the next full collection — 830–
   * 1 340 against 590–640 KiB per connection at 100 chargers (docs/performance.md). Letting the old
   * copy go at once by detaching it cost more: a detached ArrayBuffer anywhere in the process makes
   * V8 check every typed-array access for it (a Float64Array loop 0.85 → 1.6 ns an element).
   */
  private grow(): void {
    const chunk = this.chunks.length;
    const rows = Math.min(this.capacity - this.allocated, chunkRows(chunk));
    this.chunks.push(new Float64Array(rows * STRIDE));
    this.allocated += rows;
  }
}

/** The reading's measurands and units are the shape's (same order, as sameList and sameUnits judge a sample). */
function readingHasShape(reading: ReadingScratch, shape: Shape): boolean {
  const { measurands, units } = shape;
  if (measurands.length !== reading.size || shape.unitCount !== reading.size) return false;
  for (let i = 0; i < reading.size; i++) if (measurands[i] !== reading.measurands[i] || units[measurands[i]!] !== reading.units[i]) return false;
  return true;
}

/** A measurand set as one string: its measurands in order and its units whatever their order (as sameList and sameUnits judge). */
function shapeKey(measurands: readonly string[], units: Readonly<Record<string, string>>): string {
  const unitPairs = Object.keys(units)
    .sort()
    .map((key) => [key, units[key]]);
  return JSON.stringify([measurands, unitPairs]);
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameUnits(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  for (const key in b) if (a[key] !== b[key]) return false;
  for (const key in a) if (!(key in b)) return false;
  return true;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const phases = (v: unknown): (number | null)[] => (Array.isArray(v) ? [0, 1, 2].map((i) => num(v[i])) : [null, null, null]);

function isRows(value: unknown): value is MeterRows {
  const v = value as Partial<MeterRows> | null;
  return typeof v === 'object' && v !== null && v.format === ROWS_FORMAT && Array.isArray(v.fields) && Array.isArray(v.rows);
}

/** The samples of rows read from a file: every number and every index checked, nothing trusted. */
function* samplesOfRows(snapshot: MeterRows): Generator<MeterSample> {
  const width = snapshot.fields.length;
  const column = Object.fromEntries(ROW_FIELDS.map((name) => [name, snapshot.fields.indexOf(name)])) as Record<(typeof ROW_FIELDS)[number], number>;
  const contexts = Array.isArray(snapshot.contexts) ? snapshot.contexts.map((c) => (typeof c === 'string' ? c : 'Sample.Periodic')) : [];
  const shapes = (Array.isArray(snapshot.shapes) ? snapshot.shapes : []).map((shape) => {
    const s = (shape && typeof shape === 'object' ? shape : {}) as Record<string, unknown>;
    return sampleFrom({ measurands: s.measurands, units: s.units });
  });
  const rows = snapshot.rows;
  if (width === 0) return;
  for (let at = 0; at + width <= rows.length; at += width) {
    const value = (name: (typeof ROW_FIELDS)[number]): number | null => (column[name] < 0 ? null : num(rows[at + column[name]]));
    const index = (name: (typeof ROW_FIELDS)[number], size: number): number => {
      const i = value(name);
      return i !== null && Number.isInteger(i) && i >= 0 && i < size ? i : -1;
    };
    const shape = shapes[index('shape', shapes.length)];
    const context = contexts[index('context', contexts.length)];
    yield sampleFrom({
      seq: value('seq'),
      source: value('source') === 1 ? 'StopTransaction' : 'MeterValues',
      at: value('at'),
      receivedAt: value('receivedAt'),
      connectorId: value('connectorId'),
      transactionId: value('transactionId'),
      context,
      powerW: value('powerW'),
      powerSource: POWER_SOURCES[index('powerSource', POWER_SOURCES.length)],
      registerRateW: value('registerRateW'),
      currentA: [value('currentL1'), value('currentL2'), value('currentL3')],
      voltageV: [value('voltageL1'), value('voltageL2'), value('voltageL3')],
      energyWh: value('energyWh'),
      socPercent: value('socPercent'),
      offeredA: value('offeredA'),
      measurands: shape?.measurands,
      units: shape?.units,
    });
  }
}

function sampleFrom(s: Record<string, unknown>): MeterSample {
  const units: Record<string, string> = {};
  if (s.units && typeof s.units === 'object') for (const [k, v] of Object.entries(s.units)) if (typeof v === 'string') units[k] = v;
  return {
    seq: num(s.seq) ?? 0,
    source: s.source === 'StopTransaction' ? 'StopTransaction' : 'MeterValues',
    at: num(s.at) ?? 0,
    receivedAt: num(s.receivedAt) ?? num(s.at) ?? 0,
    connectorId: Math.max(0, Math.min(65_535, Math.trunc(num(s.connectorId) ?? 0))),
    transactionId: num(s.transactionId),
    context: typeof s.context === 'string' ? s.context : 'Sample.Periodic',
    powerW: num(s.powerW),
    powerSource: s.powerSource === 'measured' || s.powerSource === 'current×voltage' ? s.powerSource : null,
    registerRateW: num(s.registerRateW),
    currentA: phases(s.currentA),
    voltageV: phases(s.voltageV),
    energyWh: num(s.energyWh),
    socPercent: num(s.socPercent),
    offeredA: num(s.offeredA),
    measurands: Array.isArray(s.measurands) ? s.measurands.filter((m): m is string => typeof m === 'string') : [],
    units,
  };
}
