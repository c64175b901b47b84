/**
 * The passive half of the suite judged now, from whatever traffic the charger has had: the user's,
 * the suite's, or the platform's through the relay. Nothing is sent; the verdicts change as frames pass.
 */
import type { ChargerModel } from '../charger/model.ts';
import { CATALOGUE, isRequired, type CheckResult } from './catalogue.ts';
import { DEFAULT_PASSIVE, passiveFindings } from './passive.ts';

export function passiveResults(model: ChargerModel, now: number): CheckResult[] {
  const findings = passiveFindings(model, { ...DEFAULT_PASSIVE, now });
  return CATALOGUE.filter((def) => findings.has(def.id)).map((def) => ({
    id: def.id,
    required: isRequired(def, DEFAULT_PASSIVE.firmwareInScope),
    ...findings.get(def.id)!,
  }));
}
