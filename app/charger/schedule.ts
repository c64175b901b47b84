/**
 * A composite schedule (GetCompositeSchedule's answer) as power over time, in kW, so that the UI can
 * draw it over the measured power without converting anything itself. A schedule in A is turned into
 * W with the charger's own latest voltage (230 V per phase when it sent none) and the period's phases
 * (3 when the schedule does not say).
 */
import type { OcppResponse } from '../ocpp/messages.ts';
import type { ChargerModel } from './model.ts';

export interface ScheduleSteps {
  /** Step points: each limit holds from its t until the next point's t. */
  readonly points: readonly { readonly t: number; readonly kw: number }[];
  /** The unit the charger answered in, and the voltage used to turn amps into watts (null for W). */
  readonly unit: 'A' | 'W';
  readonly voltsPerPhase: number | null;
}

type Schedule = NonNullable<OcppResponse<'GetCompositeSchedule'>['chargingSchedule']>;

const NOMINAL_VOLTS = 230;

/** The latest voltage the charger measured on any phase, or the nominal 230 V. */
export function latestVoltage(model: ChargerModel): number {
  for (let i = model.samples.length - 1; i >= 0; i--) {
    const volts = model.samples.at(i)!.voltageV.find((v): v is number => v !== null && v > 0);
    if (volts !== undefined) return volts;
  }
  return NOMINAL_VOLTS;
}

/** startedAt: when the schedule starts when it names no start (GetCompositeSchedule answers "from now"). */
export function scheduleSteps(schedule: Schedule, model: ChargerModel, startedAt: number): ScheduleSteps {
  const start = schedule.startSchedule ? Date.parse(schedule.startSchedule) : startedAt;
  const volts = schedule.chargingRateUnit === 'A' ? latestVoltage(model) : null;
  const kw = (p: { limit: number; numberPhases?: number }) => (volts === null ? p.limit : p.limit * volts * (p.numberPhases ?? 3)) / 1000;
  const points = schedule.chargingSchedulePeriod.map((p) => ({ t: start + p.startPeriod * 1000, kw: kw(p) }));
  const last = schedule.chargingSchedulePeriod.at(-1);
  // The last limit holds to the end of the schedule, or an hour past its start when it has no end.
  if (last) points.push({ t: start + (schedule.duration ?? last.startPeriod + 3600) * 1000, kw: kw(last) });
  return { points, unit: schedule.chargingRateUnit, voltsPerPhase: volts };
}
