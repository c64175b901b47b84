/**
 * Turns a connector's electrical state into OCPP sampled values: the measurands asked for, with the
 * right unit, phase, location and context, and the quirks that real meters get wrong.
 */
import type { Quirks } from './quirks.ts';

export interface ElectricalState {
  /** A per phase, L1..L3 (0 on unused phases). */
  readonly currents: readonly number[];
  /** V per phase to neutral. */
  readonly voltages: readonly number[];
  readonly powerW: number;
  readonly energyWh: number;
  readonly offeredA: number;
  readonly phases: number;
  readonly socPercent: number | null;
}

export type ReadingContext =
  'Sample.Periodic' | 'Sample.Clock' | 'Transaction.Begin' | 'Transaction.End' | 'Trigger' | 'Interruption.Begin' | 'Interruption.End' | 'Other';

export interface SampledValue {
  readonly value: string | number;
  readonly context?: string;
  readonly measurand?: string;
  readonly phase?: string;
  readonly location?: string;
  readonly unit?: string;
}

const PHASES = ['L1', 'L2', 'L3'];
const PHASES_N = ['L1-N', 'L2-N', 'L3-N'];

export function sampledValues(state: ElectricalState, measurands: readonly string[], context: ReadingContext, quirks: Quirks): SampledValue[] {
  let wanted = [...measurands];
  if (quirks.has('power-missing')) wanted = wanted.filter((m) => m === 'Energy.Active.Import.Register');
  if (quirks.has('current-voltage-only')) {
    wanted = wanted.filter((m) => m !== 'Power.Active.Import');
    for (const m of ['Current.Import', 'Voltage']) if (!wanted.includes(m)) wanted.push(m);
  }
  const value = (n: number, digits: number): string | number => (quirks.has('values-as-numbers') ? Number(n.toFixed(digits)) : n.toFixed(digits));
  const out: SampledValue[] = [];
  for (const measurand of wanted) {
    switch (measurand) {
      case 'Energy.Active.Import.Register':
        out.push({ value: value(state.energyWh, 0), context, measurand, location: 'Outlet', unit: 'Wh' });
        break;
      case 'Power.Active.Import':
        out.push(
          quirks.has('power-in-kW')
            ? { value: value(state.powerW / 1000, 3), context, measurand, location: 'Outlet', unit: 'kW' }
            : { value: value(state.powerW, 0), context, measurand, location: 'Outlet', unit: 'W' },
        );
        break;
      case 'Current.Import':
        for (let i = 0; i < state.phases; i++)
          out.push({ value: value(state.currents[i] ?? 0, 1), context, measurand, phase: PHASES[i]!, location: 'Outlet', unit: 'A' });
        break;
      case 'Voltage':
        for (let i = 0; i < state.phases; i++)
          out.push({ value: value(state.voltages[i] ?? 0, 1), context, measurand, phase: PHASES_N[i]!, location: 'Outlet', unit: 'V' });
        break;
      case 'Current.Offered':
        out.push({ value: value(state.offeredA, 1), context, measurand, location: 'Outlet', unit: 'A' });
        break;
      case 'Power.Offered':
        out.push({ value: value(state.offeredA * 230 * state.phases, 0), context, measurand, location: 'Outlet', unit: 'W' });
        break;
      case 'SoC':
        if (state.socPercent !== null) out.push({ value: value(state.socPercent, 0), context, measurand, location: 'EV', unit: 'Percent' });
        break;
      case 'Frequency':
        out.push({ value: value(50, 2), context, measurand, location: 'Inlet' });
        break;
      case 'Temperature':
        out.push({ value: value(32 + state.powerW / 2000, 1), context, measurand, location: 'Body', unit: 'Celsius' });
        break;
    }
  }
  return out;
}
