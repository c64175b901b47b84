/**
 * A SetChargingProfile field's path (as the schema says it, "/csChargingProfiles/chargingSchedule/
 * chargingSchedulePeriod/0/limit", or as the host's checks do, with dots) to the words the Smart
 * charging form labels it with ("Period 1 · Limit (A)"): an error names what the installer sees.
 */

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The form's label key of each field, by its name in the profile. */
const LABEL_KEYS: Readonly<Record<string, string>> = {
  connectorId: 'smart.connector',
  chargingProfileId: 'smart.profileId',
  stackLevel: 'smart.stackLevel',
  chargingProfilePurpose: 'smart.purpose',
  chargingProfileKind: 'smart.kind',
  recurrencyKind: 'smart.recurrency',
  validTo: 'smart.validTo',
  validFrom: 'smart.validFrom',
  transactionId: 'smart.transaction',
  duration: 'smart.durationOptional',
  startSchedule: 'smart.startSchedule',
  chargingRateUnit: 'smart.unit',
  minChargingRate: 'smart.minChargingRate',
  startPeriod: 'smart.start',
  limit: 'smart.limit',
  numberPhases: 'smart.phases',
  chargingSchedulePeriod: 'smart.periods',
};

export function profileFieldLabel(path: string, t: Translate, unit: string): string {
  const steps = path.split(/[/.]/).filter(Boolean);
  const index = steps.indexOf('chargingSchedulePeriod');
  const periodNo = index >= 0 && /^\d+$/.test(steps[index + 1] ?? '') ? Number(steps[index + 1]) + 1 : null;
  const name = [...steps].reverse().find((s) => !/^\d+$/.test(s));
  const key = name !== undefined ? LABEL_KEYS[name] : undefined;
  const field = key ? t(key, { unit }) : name === undefined || name === 'csChargingProfiles' ? t('smart.profile') : name;
  return periodNo !== null && name !== 'chargingSchedulePeriod' ? `${t('smart.period', { n: periodNo })} · ${field}` : field;
}
