/**
 * Normalising one OCPP meterValue entry to W, A, V and Wh. Chargers differ in how they send the same
 * thing: kW or W, kWh or Wh, per phase or totals, values as strings or (wrongly) numbers, power
 * missing but current and voltage present. This turns all of them into one shape.
 */
export interface NormalisedReading {
  readonly powerW: number | null;
  readonly powerSource: 'measured' | 'current×voltage' | null;
  readonly currentA: (number | null)[];
  readonly voltageV: (number | null)[];
  readonly energyWh: number | null;
  readonly socPercent: number | null;
  readonly offeredA: number | null;
  readonly context: string;
  readonly measurands: string[];
  readonly units: Record<string, string>;
}

interface SampledValueIn {
  readonly value?: unknown;
  readonly context?: unknown;
  readonly measurand?: unknown;
  readonly phase?: unknown;
  readonly location?: unknown;
  readonly unit?: unknown;
}

const SCALE: Record<string, number> = { W: 1, kW: 1000, Wh: 1, kWh: 1000, A: 1, V: 1, Percent: 1 };
const DEFAULT_UNIT: Record<string, string> = {
  'Energy.Active.Import.Register': 'Wh',
  'Power.Active.Import': 'W',
  'Current.Import': 'A',
  'Current.Offered': 'A',
  Voltage: 'V',
  SoC: 'Percent',
};

/** L1, L1-N → 0; L2, L2-N → 1; L3, L3-N → 2; line-to-line voltages are mapped to their first phase. */
function phaseIndex(phase: unknown): number | null {
  if (typeof phase !== 'string' || phase.charCodeAt(0) !== 76 /* L */) return null;
  // Read by character, not by a regular expression: this runs for every sampled value of every charger.
  const digit = phase.charCodeAt(1) - 48;
  return digit >= 1 && digit <= 3 ? digit - 1 : null;
}

/** A number the charger sent, also as a string (a common field mistake the schema check reports on its own); null otherwise. */
export function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * One entry as the fold reads it, filled in place for every meterValue entry of every charger: reading
 * then allocates nothing (a fresh reading per entry was a fifth of the fold at 1 000 chargers). The
 * measurands and their units are the first `size` items of the two lists, in the order first sent.
 */
export class ReadingScratch {
  powerW: number | null = null;
  powerSource: NormalisedReading['powerSource'] = null;
  readonly currentA: (number | null)[] = [null, null, null];
  readonly voltageV: (number | null)[] = [null, null, null];
  energyWh: number | null = null;
  socPercent: number | null = null;
  offeredA: number | null = null;
  context = 'Sample.Periodic';
  readonly measurands: string[] = [];
  readonly units: string[] = [];
  size = 0;
  private readonly powerPhases: (number | null)[] = [null, null, null];

  /** Reads one entry's sampledValue list (anything the charger sent) into this scratch; returns it. */
  read(sampledValue: unknown): this {
    const values = Array.isArray(sampledValue) ? (sampledValue as SampledValueIn[]) : [];
    let powerTotal: number | null = null;
    const { powerPhases, currentA, voltageV } = this;
    for (let i = 0; i < 3; i++) powerPhases[i] = currentA[i] = voltageV[i] = null;
    let voltageAll: number | null = null;
    this.energyWh = this.socPercent = this.offeredA = null;
    let context: string | null = null;
    this.size = 0;
    for (const sv of values) {
      if (!sv || typeof sv !== 'object') continue;
      const measurand = typeof sv.measurand === 'string' ? sv.measurand : 'Energy.Active.Import.Register';
      const unit = typeof sv.unit === 'string' ? sv.unit : (DEFAULT_UNIT[measurand] ?? '');
      const raw = numeric(sv.value);
      if (context === null && typeof sv.context === 'string') context = sv.context;
      if (raw === null) continue;
      // A location of EV (the car's own figures) is not what the charger delivers, except SoC.
      if (sv.location === 'EV' && measurand !== 'SoC') continue;
      this.noteUnit(measurand, unit);
      const value = raw * (SCALE[unit] ?? 1);
      const phase = phaseIndex(sv.phase);
      switch (measurand) {
        case 'Energy.Active.Import.Register':
          if (sv.phase === undefined) this.energyWh = value;
          break;
        case 'Power.Active.Import':
          if (phase === null) powerTotal = value;
          else powerPhases[phase] = value;
          break;
        case 'Current.Import':
          currentA[phase ?? 0] = value;
          break;
        case 'Voltage':
          if (phase === null) voltageAll = value;
          else voltageV[phase] = typeof sv.phase === 'string' && /^L\d-L\d/.test(sv.phase) ? value / Math.sqrt(3) : value;
          break;
        case 'SoC':
          this.socPercent = value;
          break;
        case 'Current.Offered':
          this.offeredA = value;
          break;
      }
    }
    if (voltageAll !== null) for (let i = 0; i < 3; i++) if (voltageV[i] === null && (currentA[i] !== null || i === 0)) voltageV[i] = voltageAll;
    let powerW: number | null = powerTotal;
    let powerSource: NormalisedReading['powerSource'] = powerTotal !== null ? 'measured' : null;
    if (powerW === null && (powerPhases[0] !== null || powerPhases[1] !== null || powerPhases[2] !== null)) {
      powerW = (powerPhases[0] ?? 0) + (powerPhases[1] ?? 0) + (powerPhases[2] ?? 0);
      powerSource = 'measured';
    }
    if (powerW === null && currentA.some((a) => a !== null) && voltageV.some((v) => v !== null)) {
      const fallbackV = voltageV.find((v) => v !== null) ?? 230;
      powerW = currentA.reduce<number>((sum, a, i) => sum + (a ?? 0) * (voltageV[i] ?? fallbackV), 0);
      powerSource = 'current×voltage';
    }
    this.powerW = powerW;
    this.powerSource = powerSource;
    this.context = context ?? 'Sample.Periodic';
    return this;
  }

  /** A measurand present, with its unit as sent: the last unit given wins, as in a units record. */
  private noteUnit(measurand: string, unit: string): void {
    for (let i = 0; i < this.size; i++) {
      if (this.measurands[i] === measurand) {
        this.units[i] = unit;
        return;
      }
    }
    this.measurands[this.size] = measurand;
    this.units[this.size++] = unit;
  }
}

/** One entry normalised into a reading of its own (the fold reads into a ReadingScratch instead). */
export function normaliseSampledValues(sampledValue: unknown): NormalisedReading {
  const r = new ReadingScratch().read(sampledValue);
  const measurands = r.measurands.slice(0, r.size);
  const units: Record<string, string> = {};
  for (let i = 0; i < r.size; i++) units[measurands[i]!] = r.units[i]!;
  return {
    powerW: r.powerW,
    powerSource: r.powerSource,
    currentA: [...r.currentA],
    voltageV: [...r.voltageV],
    energyWh: r.energyWh,
    socPercent: r.socPercent,
    offeredA: r.offeredA,
    context: r.context,
    measurands,
    units,
  };
}
