/**
 * One connector of the simulated charger: the plug, the car, the transaction, the meter register,
 * and the status a real charger would report for that state.
 */
import { ElectricVehicle, MIN_CHARGING_CURRENT } from './ev.ts';
import type { ElectricalState, SampledValue } from './meter.ts';
import type { ChargingProfile } from './smart-charging.ts';

export type ConnectorStatus = 'Available' | 'Preparing' | 'Charging' | 'SuspendedEVSE' | 'SuspendedEV' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted';

export interface Transaction {
  readonly id: number;
  readonly idTag: string;
  readonly startedAt: number;
  readonly meterStart: number;
  readonly beginValues: SampledValue[];
  readonly beginTimestamp: string;
}

export interface Reservation {
  readonly id: number;
  readonly idTag: string;
  readonly expiresAt: number;
}

export interface PendingStart {
  readonly idTag: string;
  readonly remote: boolean;
  readonly profile?: ChargingProfile;
  readonly expiresAt: number;
}

export class Connector {
  plugged = false;
  ev: ElectricVehicle | null = null;
  transaction: Transaction | null = null;
  /** A start waiting for the car to be plugged in (remote start) or in progress (Authorize/StartTransaction sent). */
  pendingStart: PendingStart | null = null;
  starting = false;
  reservation: Reservation | null = null;
  /** Between the end of a transaction and the cable leaving the socket (or one report after unplugging). */
  finishing = false;
  fault: string | null = null;
  operative = true;
  /** ChangeAvailability Inoperative that waits for the transaction to end. */
  inoperativeScheduled = false;
  energyWh = 0;
  currents = [0, 0, 0];
  voltages = [230, 230, 230];
  powerW = 0;
  offeredA = 0;
  reportedStatus: ConnectorStatus | null = null;
  reportedErrorCode = 'NoError';

  constructor(
    readonly id: number,
    private readonly phases: number,
  ) {}

  /**
   * Advance the physics by dt seconds under a limit (A per phase; undefined: none). The current
   * drawn is min(what the car wants, what the charger offers); power and energy follow from it.
   */
  step(dtSeconds: number, offeredA: number, noise: () => number): void {
    this.voltages = [0, 1, 2].map((i) => (i < this.phases ? 230 + noise() * 1.5 : 0));
    this.offeredA = offeredA;
    const charging = this.transaction !== null && this.ev !== null && this.fault === null;
    const usable = offeredA >= MIN_CHARGING_CURRENT ? offeredA : 0;
    const drawn = charging ? Math.min(this.ev!.wishCurrent(), usable) : 0;
    const phasesUsed = Math.min(this.phases, this.ev?.spec.phases ?? this.phases);
    this.currents = [0, 1, 2].map((i) => (i < phasesUsed && drawn > 0 ? Math.max(0, drawn + noise() * 0.1) : 0));
    this.powerW = this.currents.reduce((sum, amps, i) => sum + amps * this.voltages[i]!, 0);
    const wh = (this.powerW * dtSeconds) / 3600;
    this.energyWh += wh;
    if (charging && wh > 0) this.ev!.absorb(wh);
  }

  electrical(): ElectricalState {
    return {
      currents: this.currents,
      voltages: this.voltages,
      powerW: this.powerW,
      energyWh: this.energyWh,
      offeredA: this.offeredA,
      phases: this.phases,
      socPercent: this.ev ? this.ev.socPercent : null,
    };
  }

  /** The status a good charger reports for this state (statusAtZeroPower: the quirk that says Charging regardless). */
  status(statusAtZeroPower: boolean): ConnectorStatus {
    if (this.fault) return 'Faulted';
    if (this.transaction) {
      if (statusAtZeroPower) return 'Charging';
      if (this.offeredA < MIN_CHARGING_CURRENT) return 'SuspendedEVSE';
      if (!this.ev || this.ev.wishCurrent() === 0 || this.powerW < 1) return 'SuspendedEV';
      return 'Charging';
    }
    if (!this.operative) return 'Unavailable';
    if (this.finishing) return 'Finishing';
    if (this.plugged || this.pendingStart || this.starting) return 'Preparing';
    if (this.reservation) return 'Reserved';
    return 'Available';
  }
}
