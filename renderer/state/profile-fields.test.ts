import { test } from 'node:test';
import assert from 'node:assert/strict';
import en from '../i18n/en.json' with { type: 'json' };
import th from '../i18n/th.json' with { type: 'json' };
import { profileFieldLabel } from './profile-fields.ts';

/** The catalogue as i18next reads it: "smart.limit" with {{unit}} filled in. */
const translator =
  (catalogue: Record<string, unknown>) =>
  (key: string, values: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], catalogue);
    if (typeof text !== 'string') throw new Error(`no text for ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };

test("an error names the field as the form labels it, never by the profile's path", () => {
  const t = translator(en);
  assert.equal(profileFieldLabel('/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit', t, 'A'), 'Period 1 · Limit (A)');
  assert.equal(
    profileFieldLabel('csChargingProfiles.chargingSchedule.chargingSchedulePeriod.2.startPeriod', t, 'W'),
    'Period 3 · Start (s from schedule start)',
  );
  assert.equal(profileFieldLabel('csChargingProfiles.stackLevel', t, 'A'), 'Stack level');
  assert.equal(profileFieldLabel('/csChargingProfiles/chargingProfileId', t, 'A'), 'Profile id');
  assert.equal(profileFieldLabel('connectorId', t, 'A'), 'Connector');
  assert.equal(profileFieldLabel('/csChargingProfiles/chargingSchedule/chargingSchedulePeriod', t, 'A'), 'Periods');
  assert.equal(profileFieldLabel('', t, 'A'), 'Charging profile');
});

test('in Thai too, every field the profile has', () => {
  const t = translator(th);
  for (const path of [
    'csChargingProfiles.chargingSchedule.chargingSchedulePeriod.0.limit',
    'csChargingProfiles.chargingSchedule.chargingSchedulePeriod.0.numberPhases',
    'csChargingProfiles.chargingSchedule.duration',
    'csChargingProfiles.chargingSchedule.minChargingRate',
    'csChargingProfiles.chargingSchedule.startSchedule',
    'csChargingProfiles.validFrom',
    'csChargingProfiles.validTo',
    'csChargingProfiles.transactionId',
    'csChargingProfiles.recurrencyKind',
    'csChargingProfiles.chargingProfileKind',
    'csChargingProfiles.chargingProfilePurpose',
  ]) {
    const label = profileFieldLabel(path, t, 'A');
    assert.match(label, /[\u0E00-\u0E7F]/, `${path} → ${label}`);
  }
});
