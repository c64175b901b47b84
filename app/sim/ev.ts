/**
 * The car on a connector: a battery whose charging current tapers near full, as a real battery
 * management system does (constant current up to ~80 % state of charge, then falling).
 */
export interface EvSpec {
  readonly capacityWh: number;
  readonly socPercent: number;
  /** What the car's onboard charger draws per phase at most (A). */
  readonly maxCurrent: number;
  readonly phases: 1 | 3;
}

export const DEFAULT_EV: EvSpec = { capacityWh: 60_000, socPercent: 35, maxCurrent: 16, phases: 3 };

/** Below this current per phase (IEC 61851) a car cannot charge: the charger suspends instead. */
export const MIN_CHARGING_CURRENT = 6;

export class ElectricVehicle {
  private energyWh: number;
  private maxCurrentA: number;
  /** The car stopped asking for current (its own timer, the driver's app): the charger shows SuspendedEV. */
  paused = false;

  constructor(readonly spec: EvSpec = DEFAULT_EV) {
    this.energyWh = (spec.capacityWh * spec.socPercent) / 100;
    this.maxCurrentA = spec.maxCurrent;
  }

  /** What the car's onboard charger draws per phase at most (A), as set now. */
  get maxCurrent(): number {
    return this.maxCurrentA;
  }

  /** A car that limits its own current (a setting in its app): between 0 and 80 A per phase. */
  setMaxCurrent(amps: number): void {
    if (!Number.isFinite(amps) || amps < 0 || amps > 80) throw new RangeError(`a car draws 0 to 80 A per phase, not ${amps}`);
    this.maxCurrentA = amps;
  }

  get socPercent(): number {
    return (this.energyWh / this.spec.capacityWh) * 100;
  }

  get full(): boolean {
    return this.socPercent >= 99.999;
  }

  /** The current per phase the car asks for now. */
  wishCurrent(): number {
    const soc = this.socPercent;
    if (this.full || this.paused || this.maxCurrentA === 0) return 0;
    if (soc < 80) return this.maxCurrentA;
    // Linear taper from full current at 80 % to a trickle near 100 %.
    return Math.max(MIN_CHARGING_CURRENT, this.maxCurrentA * (1 - ((soc - 80) / 20) * 0.7));
  }

  absorb(wh: number): void {
    this.energyWh = Math.min(this.spec.capacityWh, this.energyWh + wh);
  }
}
