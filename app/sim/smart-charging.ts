/**
 * OCPP 1.6 smart charging as a charge point implements it (spec §3.13): installed profiles by
 * purpose and stack level, validity windows, Absolute / Recurring / Relative schedules, A and W
 * units, and the composite schedule that results. Pure: time comes in as an argument.
 */

export type Purpose = 'ChargePointMaxProfile' | 'TxDefaultProfile' | 'TxProfile';
export type RateUnit = 'A' | 'W';

export interface SchedulePeriod {
  readonly startPeriod: number;
  readonly limit: number;
  readonly numberPhases?: number;
}

export interface ChargingSchedule {
  readonly duration?: number;
  readonly startSchedule?: string;
  readonly chargingRateUnit: RateUnit;
  readonly chargingSchedulePeriod: readonly SchedulePeriod[];
  readonly minChargingRate?: number;
}

export interface ChargingProfile {
  readonly chargingProfileId: number;
  readonly transactionId?: number;
  readonly stackLevel: number;
  readonly chargingProfilePurpose: Purpose;
  readonly chargingProfileKind: 'Absolute' | 'Recurring' | 'Relative';
  readonly recurrencyKind?: 'Daily' | 'Weekly';
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly chargingSchedule: ChargingSchedule;
}

export interface InstalledProfile {
  readonly connectorId: number;
  readonly profile: ChargingProfile;
  /** When it was installed: the start of an Absolute schedule without startSchedule. */
  readonly installedAt: number;
}

export interface SmartChargingLimits {
  readonly maxStackLevel: number;
  readonly maxPeriods: number;
  readonly maxProfiles: number;
  readonly allowedUnits: readonly RateUnit[];
}

/** The electrical facts needed to turn watts into amps per phase. */
export interface Electrical {
  readonly phases: number;
  readonly voltage: number;
  /** The charger's hardware limit per phase, in A: what applies where no profile does. */
  readonly maxCurrent: number;
}

export interface TransactionContext {
  readonly transactionId: number;
  /** Start of the transaction (ms): the start of Relative schedules. */
  readonly startedAt: number;
}

export type SetResult = { readonly status: 'Accepted' } | { readonly status: 'Rejected'; readonly reason: string };

export interface ClearCriteria {
  readonly id?: number;
  readonly connectorId?: number;
  readonly chargingProfilePurpose?: Purpose;
  readonly stackLevel?: number;
}

const DAY = 24 * 3600 * 1000;

export class ProfileStore {
  private installed: InstalledProfile[] = [];

  constructor(
    private readonly limits: SmartChargingLimits,
    private readonly numberOfConnectors: number,
  ) {}

  list(): readonly InstalledProfile[] {
    return this.installed;
  }

  /** SetChargingProfile: validates the way a careful charger does, then installs or replaces. */
  set(connectorId: number, profile: ChargingProfile, now: number, transaction: TransactionContext | undefined): SetResult {
    const reject = (reason: string): SetResult => ({ status: 'Rejected', reason });
    const purpose = profile.chargingProfilePurpose;
    const schedule = profile.chargingSchedule;
    if (connectorId < 0 || connectorId > this.numberOfConnectors) return reject(`no connector ${connectorId}`);
    if (purpose === 'ChargePointMaxProfile' && connectorId !== 0) return reject('ChargePointMaxProfile goes on connector 0');
    if (purpose === 'TxProfile') {
      if (connectorId === 0) return reject('TxProfile needs a connector');
      if (!transaction) return reject(`no transaction on connector ${connectorId}`);
      if (profile.transactionId !== undefined && profile.transactionId !== transaction.transactionId) {
        return reject(`transaction ${profile.transactionId} is not the one on connector ${connectorId}`);
      }
    }
    if (profile.stackLevel > this.limits.maxStackLevel) return reject(`stackLevel above ChargeProfileMaxStackLevel (${this.limits.maxStackLevel})`);
    if (schedule.chargingSchedulePeriod.length === 0) return reject('no schedule periods');
    if (schedule.chargingSchedulePeriod.length > this.limits.maxPeriods) return reject(`more than ChargingScheduleMaxPeriods (${this.limits.maxPeriods})`);
    if (!this.limits.allowedUnits.includes(schedule.chargingRateUnit))
      return reject(`unit ${schedule.chargingRateUnit} not in ChargingScheduleAllowedChargingRateUnit`);
    if (schedule.chargingSchedulePeriod[0]!.startPeriod !== 0) return reject('the first period must start at 0');
    if (profile.chargingProfileKind === 'Recurring' && !profile.recurrencyKind) return reject('Recurring needs recurrencyKind');
    // Spec §3.13.2: a profile with the same id, or the same stack level and purpose (on that connector), is replaced.
    const kept = this.installed.filter(
      (p) =>
        p.profile.chargingProfileId !== profile.chargingProfileId &&
        !(p.connectorId === connectorId && p.profile.stackLevel === profile.stackLevel && p.profile.chargingProfilePurpose === purpose),
    );
    if (kept.length >= this.limits.maxProfiles) return reject(`MaxChargingProfilesInstalled (${this.limits.maxProfiles}) reached`);
    this.installed = [...kept, { connectorId, profile, installedAt: now }];
    return { status: 'Accepted' };
  }

  /** ClearChargingProfile: by id, or by every criterion given; Unknown when nothing matched. */
  clear(criteria: ClearCriteria): 'Accepted' | 'Unknown' {
    const matches = (p: InstalledProfile) =>
      criteria.id !== undefined
        ? p.profile.chargingProfileId === criteria.id
        : (criteria.connectorId === undefined || p.connectorId === criteria.connectorId) &&
          (criteria.chargingProfilePurpose === undefined || p.profile.chargingProfilePurpose === criteria.chargingProfilePurpose) &&
          (criteria.stackLevel === undefined || p.profile.stackLevel === criteria.stackLevel);
    const before = this.installed.length;
    this.installed = this.installed.filter((p) => !matches(p));
    return this.installed.length < before ? 'Accepted' : 'Unknown';
  }

  /** A TxProfile lives only as long as its transaction. */
  transactionEnded(connectorId: number): void {
    this.installed = this.installed.filter((p) => !(p.connectorId === connectorId && p.profile.chargingProfilePurpose === 'TxProfile'));
  }

  /**
   * The limit in A per phase on a connector at time t (connector 0: the charge point as a whole),
   * or undefined where no profile applies.
   */
  limitAt(connectorId: number, t: number, electrical: Electrical, transaction: TransactionContext | undefined): number | undefined {
    const max = this.purposeLimit('ChargePointMaxProfile', 0, t, electrical, transaction);
    if (connectorId === 0) return max;
    // A TxProfile, where one applies, overrides the TxDefaultProfile (spec §3.13.1).
    const tx =
      (transaction ? this.purposeLimit('TxProfile', connectorId, t, electrical, transaction) : undefined) ??
      this.purposeLimit('TxDefaultProfile', connectorId, t, electrical, transaction);
    if (max === undefined) return tx;
    if (tx === undefined) return max;
    return Math.min(max, tx);
  }

  /** GetCompositeSchedule: the limits a connector will see over [start, start + duration). */
  compositeSchedule(
    connectorId: number,
    start: number,
    durationSeconds: number,
    unit: RateUnit,
    electrical: Electrical,
    transaction: TransactionContext | undefined,
  ): ChargingSchedule {
    const end = start + durationSeconds * 1000;
    const edges = new Set<number>([start]);
    for (const installed of this.relevant(connectorId)) {
      for (const t of this.edgesOf(installed, start, end, transaction)) if (t > start && t < end) edges.add(t);
    }
    const points = [...edges].sort((a, b) => a - b);
    const periods: SchedulePeriod[] = [];
    for (const t of points) {
      const amps = this.limitAt(connectorId, t, electrical, transaction) ?? electrical.maxCurrent;
      const limit = unit === 'A' ? round1(amps) : Math.round(amps * electrical.voltage * electrical.phases);
      if (periods.at(-1)?.limit === limit) continue;
      periods.push({ startPeriod: Math.round((t - start) / 1000), limit, ...(electrical.phases !== 3 ? { numberPhases: electrical.phases } : {}) });
    }
    return { duration: durationSeconds, startSchedule: new Date(start).toISOString(), chargingRateUnit: unit, chargingSchedulePeriod: periods };
  }

  private relevant(connectorId: number): InstalledProfile[] {
    return this.installed.filter((p) => p.connectorId === 0 || p.connectorId === connectorId);
  }

  private purposeLimit(
    purpose: Purpose,
    connectorId: number,
    t: number,
    electrical: Electrical,
    transaction: TransactionContext | undefined,
  ): number | undefined {
    const candidates = this.installed
      .filter((p) => p.profile.chargingProfilePurpose === purpose && (p.connectorId === connectorId || p.connectorId === 0))
      .filter((p) => purpose !== 'TxProfile' || p.profile.transactionId === undefined || p.profile.transactionId === transaction?.transactionId)
      // Highest stack level first; on a tie a connector's own profile wins over connector 0's.
      .sort((a, b) => b.profile.stackLevel - a.profile.stackLevel || b.connectorId - a.connectorId);
    for (const candidate of candidates) {
      const limit = profileLimitAt(candidate, t, electrical, transaction);
      if (limit !== undefined) return limit;
    }
    return undefined;
  }

  /** Moments within the window where this profile's limit may change. */
  private edgesOf(installed: InstalledProfile, from: number, to: number, transaction: TransactionContext | undefined): number[] {
    const { profile } = installed;
    const edges: number[] = [];
    for (const bound of [profile.validFrom, profile.validTo]) if (bound) edges.push(Date.parse(bound));
    const schedule = profile.chargingSchedule;
    const cycle = profile.chargingProfileKind === 'Recurring' ? (profile.recurrencyKind === 'Weekly' ? 7 * DAY : DAY) : undefined;
    let first = scheduleStart(installed, from, transaction);
    if (first === undefined) return edges;
    if (cycle) while (first > from) first -= cycle;
    for (let origin = first; origin < to; origin += cycle ?? Infinity) {
      for (const period of schedule.chargingSchedulePeriod) edges.push(origin + period.startPeriod * 1000);
      if (schedule.duration !== undefined) edges.push(origin + schedule.duration * 1000);
      if (cycle) edges.push(origin + cycle);
      if (!cycle) break;
    }
    return edges;
  }
}

/** Where a profile's schedule starts for time t (for Recurring: the latest recurrence not after t). */
function scheduleStart(installed: InstalledProfile, t: number, transaction: TransactionContext | undefined): number | undefined {
  const { profile } = installed;
  const schedule = profile.chargingSchedule;
  switch (profile.chargingProfileKind) {
    case 'Relative':
      return transaction?.startedAt;
    case 'Absolute':
      return schedule.startSchedule ? Date.parse(schedule.startSchedule) : installed.installedAt;
    case 'Recurring': {
      const origin = schedule.startSchedule ? Date.parse(schedule.startSchedule) : installed.installedAt;
      const cycle = profile.recurrencyKind === 'Weekly' ? 7 * DAY : DAY;
      return origin + Math.floor((t - origin) / cycle) * cycle;
    }
  }
}

function profileLimitAt(installed: InstalledProfile, t: number, electrical: Electrical, transaction: TransactionContext | undefined): number | undefined {
  const { profile } = installed;
  if (profile.validFrom && t < Date.parse(profile.validFrom)) return undefined;
  if (profile.validTo && t >= Date.parse(profile.validTo)) return undefined;
  const start = scheduleStart(installed, t, transaction);
  if (start === undefined || t < start) return undefined;
  const schedule = profile.chargingSchedule;
  const offset = (t - start) / 1000;
  if (schedule.duration !== undefined && offset >= schedule.duration) return undefined;
  let current: SchedulePeriod | undefined;
  for (const period of schedule.chargingSchedulePeriod) if (period.startPeriod <= offset) current = period;
  if (!current) return undefined;
  if (schedule.chargingRateUnit === 'A') return current.limit;
  // W → A per phase over the phases the period names (default 3), at the charger's voltage.
  const phases = Math.min(current.numberPhases ?? 3, electrical.phases);
  return current.limit / (electrical.voltage * phases);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
