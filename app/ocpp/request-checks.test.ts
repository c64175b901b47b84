import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequest } from './request-checks.ts';

const NOW = Date.UTC(2026, 10, 30, 12);
const context = { maxOfferedA: null, now: NOW };

function profile(schedule: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: 501,
      stackLevel: 1,
      chargingProfilePurpose: 'TxDefaultProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }], ...schedule },
      ...extra,
    },
  };
}

const messages = (r: { errors: { message: string }[] }) => r.errors.map((e) => e.message).join(' | ');

test('a sensible profile passes without a word', () => {
  assert.deepEqual(checkRequest('SetChargingProfile', profile({}), context), { errors: [], warnings: [] });
});

test('nonsense in a profile blocks the send, each with the field and what is wrong', () => {
  const negative = checkRequest(
    'SetChargingProfile',
    profile({ chargingSchedulePeriod: [{ startPeriod: 0, limit: -3 }], duration: -10 }, { stackLevel: -1 }),
    context,
  );
  assert.match(messages(negative), /a limit is 0 or more, not -3 A/);
  assert.match(messages(negative), /a duration is more than 0 s, not -10/);
  assert.match(messages(negative), /a stack level is 0 or more, not -1/);
  assert.ok(negative.errors.some((e) => e.path === 'csChargingProfiles.chargingSchedule.chargingSchedulePeriod.0.limit'));
  const order = checkRequest(
    'SetChargingProfile',
    profile({
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 16 },
        { startPeriod: 900, limit: 10 },
        { startPeriod: 900, limit: 6 },
        { startPeriod: 600, limit: 6 },
      ],
    }),
    context,
  );
  assert.match(messages(order), /two periods start at 900 s/);
  assert.match(messages(order), /periods go in order of start: 600 s comes after 900 s/);
  const first = checkRequest('SetChargingProfile', profile({ chargingSchedulePeriod: [{ startPeriod: 60, limit: 16 }] }), context);
  assert.match(messages(first), /the first period starts at 0 s/);
});

test('what may be meant but is likely a mistake asks first: above the charger’s maximum, a validity already over', () => {
  const high = checkRequest('SetChargingProfile', profile({ chargingSchedulePeriod: [{ startPeriod: 0, limit: 500 }] }), context);
  assert.equal(high.errors.length, 0);
  assert.match(high.warnings[0]!.message, /500 A is above the most a typical AC charger gives \(32 A a phase\)/);
  const offered = checkRequest('SetChargingProfile', profile({ chargingSchedulePeriod: [{ startPeriod: 0, limit: 20 }] }), { ...context, maxOfferedA: 16 });
  assert.match(offered.warnings[0]!.message, /20 A is above the most this charger offered/);
  const past = checkRequest('SetChargingProfile', profile({}, { validTo: '2020-01-01T00:00:00Z' }), context);
  assert.equal(past.errors.length, 0);
  assert.match(past.warnings[0]!.message, /the validity ended already/);
});

test('configuration values are checked against the type of the standard key', () => {
  const cc = (key: string, value: string) => checkRequest('ChangeConfiguration', { key, value }, context);
  assert.match(messages(cc('HeartbeatInterval', 'abc')), /HeartbeatInterval takes a whole number .* not "abc"/);
  assert.match(messages(cc('LocalAuthorizeOffline', 'maybe')), /takes true or false, not "maybe"/);
  assert.match(messages(cc('MeterValuesSampledData', 'Energy.Active.Import.Register,Power')), /not OCPP 1.6 measurands: Power/);
  assert.deepEqual(cc('HeartbeatInterval', '300'), { errors: [], warnings: [] });
  assert.deepEqual(cc('LocalAuthorizeOffline', 'TRUE'), { errors: [], warnings: [] });
  assert.deepEqual(cc('VendorSpecificThing', 'anything'), { errors: [], warnings: [] }, 'a vendor key takes any text');
  assert.match(cc('NumberOfConnectors', '4').warnings[0]!.message, /read-only/);
});
