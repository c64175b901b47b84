import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProfileStore, type ChargingProfile, type Electrical } from './smart-charging.ts';

const limits = { maxStackLevel: 8, maxPeriods: 24, maxProfiles: 10, allowedUnits: ['A', 'W'] as const };
const threePhase: Electrical = { phases: 3, voltage: 230, maxCurrent: 32 };
const at = (iso: string) => Date.parse(iso);

function profile(
  p: Partial<ChargingProfile> & Pick<ChargingProfile, 'chargingProfileId' | 'chargingProfilePurpose'>,
  periods: [number, number][],
  extra: Partial<ChargingProfile['chargingSchedule']> = {},
): ChargingProfile {
  return {
    stackLevel: 0,
    chargingProfileKind: 'Absolute',
    ...p,
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })), ...extra },
  };
}

const periods = (schedule: { chargingSchedulePeriod: readonly { startPeriod: number; limit: number }[] }) =>
  schedule.chargingSchedulePeriod.map((p) => [p.startPeriod, p.limit]);

test('stacked TxDefault profiles under a ChargePointMax profile: the composite takes the highest valid stack level, capped by the max', () => {
  const store = new ProfileStore(limits, 2);
  const now = at('2026-01-01T00:00:00Z');
  assert.equal(
    store.set(
      1,
      profile({ chargingProfileId: 1, chargingProfilePurpose: 'TxDefaultProfile' }, [[0, 16]], { startSchedule: '2026-01-01T00:00:00Z' }),
      now,
      undefined,
    ).status,
    'Accepted',
  );
  assert.equal(
    store.set(
      1,
      profile(
        { chargingProfileId: 2, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 },
        [
          [0, 10],
          [7200, 8],
        ],
        { startSchedule: '2026-01-01T08:00:00Z', duration: 4 * 3600 },
      ),
      now,
      undefined,
    ).status,
    'Accepted',
  );
  assert.equal(
    store.set(
      0,
      profile(
        { chargingProfileId: 3, chargingProfilePurpose: 'ChargePointMaxProfile' },
        [
          [0, 32],
          [11 * 3600, 9],
        ],
        { startSchedule: '2026-01-01T00:00:00Z' },
      ),
      now,
      undefined,
    ).status,
    'Accepted',
  );
  // 06–08 min(32,16) · 08–10 min(32,10) · 10–11 min(32,8) · 11–12 min(9,8) · 12–14 stack 1 over: min(9,16)
  const composite = store.compositeSchedule(1, at('2026-01-01T06:00:00Z'), 8 * 3600, 'A', threePhase, undefined);
  assert.deepEqual(periods(composite), [
    [0, 16],
    [7200, 10],
    [14400, 8],
    [21600, 9],
  ]);
  // connector 0 is the charge point as a whole: the max profile only
  assert.deepEqual(periods(store.compositeSchedule(0, at('2026-01-01T06:00:00Z'), 8 * 3600, 'A', threePhase, undefined)), [
    [0, 32],
    [18000, 9],
  ]);
});

test('a daily recurring profile repeats at its start time; outside its duration the hardware limit applies', () => {
  const store = new ProfileStore(limits, 1);
  store.set(
    1,
    profile({ chargingProfileId: 7, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Recurring', recurrencyKind: 'Daily' }, [[0, 6]], {
      startSchedule: '2026-01-01T22:00:00Z',
      duration: 8 * 3600,
    }),
    at('2026-01-01T00:00:00Z'),
    undefined,
  );
  const composite = store.compositeSchedule(1, at('2026-01-02T20:00:00Z'), 12 * 3600, 'A', threePhase, undefined);
  assert.deepEqual(periods(composite), [
    [0, 32],
    [7200, 6],
    [36000, 32],
  ]);
});

test('a relative TxProfile starts with the transaction and overrides the TxDefault profile; it ends with the transaction', () => {
  const store = new ProfileStore(limits, 1);
  const tx = { transactionId: 42, startedAt: at('2026-01-01T10:00:00Z') };
  store.set(
    1,
    profile({ chargingProfileId: 1, chargingProfilePurpose: 'TxDefaultProfile' }, [[0, 20]], { startSchedule: '2026-01-01T00:00:00Z' }),
    tx.startedAt,
    undefined,
  );
  assert.equal(
    store.set(
      1,
      profile({ chargingProfileId: 2, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative', transactionId: 42 }, [
        [0, 16],
        [1800, 0],
      ]),
      tx.startedAt,
      tx,
    ).status,
    'Accepted',
  );
  assert.deepEqual(periods(store.compositeSchedule(1, at('2026-01-01T10:10:00Z'), 3600, 'A', threePhase, tx)), [
    [0, 16],
    [1200, 0],
  ]);
  store.transactionEnded(1);
  assert.equal(store.limitAt(1, at('2026-01-01T10:40:00Z'), threePhase, undefined), 20);
});

test('W limits become amps per phase at the charger voltage, and back', () => {
  const store = new ProfileStore(limits, 1);
  store.set(
    0,
    profile({ chargingProfileId: 1, chargingProfilePurpose: 'ChargePointMaxProfile' }, [[0, 7360]], {
      chargingRateUnit: 'W',
      startSchedule: '2026-01-01T00:00:00Z',
    }),
    0,
    undefined,
  );
  const t = at('2026-01-01T01:00:00Z');
  assert.ok(Math.abs(store.limitAt(1, t, threePhase, undefined)! - 7360 / 690) < 1e-9);
  assert.deepEqual(periods(store.compositeSchedule(1, t, 600, 'A', threePhase, undefined)), [[0, 10.7]]);
  assert.deepEqual(periods(store.compositeSchedule(1, t, 600, 'W', threePhase, undefined)), [[0, 7360]]);
  // on a single-phase charger the same watts flow through one phase
  assert.ok(Math.abs(store.limitAt(1, t, { phases: 1, voltage: 230, maxCurrent: 32 }, undefined)! - 32) < 1e-9);
});

test('validFrom and validTo bound a profile', () => {
  const store = new ProfileStore(limits, 1);
  store.set(
    1,
    profile(
      { chargingProfileId: 1, chargingProfilePurpose: 'TxDefaultProfile', validFrom: '2026-01-01T02:00:00Z', validTo: '2026-01-01T03:00:00Z' },
      [[0, 8]],
      { startSchedule: '2026-01-01T00:00:00Z' },
    ),
    0,
    undefined,
  );
  assert.deepEqual(periods(store.compositeSchedule(1, at('2026-01-01T01:00:00Z'), 3 * 3600, 'A', threePhase, undefined)), [
    [0, 32],
    [3600, 8],
    [7200, 32],
  ]);
});

test('the charger refuses what a careful charger refuses, and replaces by id or by purpose and stack level', () => {
  const store = new ProfileStore(limits, 2);
  const tx = { transactionId: 5, startedAt: 0 };
  assert.equal(store.set(1, profile({ chargingProfileId: 1, chargingProfilePurpose: 'ChargePointMaxProfile' }, [[0, 10]]), 0, undefined).status, 'Rejected');
  assert.equal(store.set(1, profile({ chargingProfileId: 1, chargingProfilePurpose: 'TxProfile' }, [[0, 10]]), 0, undefined).status, 'Rejected');
  assert.equal(store.set(1, profile({ chargingProfileId: 1, chargingProfilePurpose: 'TxProfile', transactionId: 6 }, [[0, 10]]), 0, tx).status, 'Rejected');
  assert.equal(
    store.set(1, profile({ chargingProfileId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 9 }, [[0, 10]]), 0, undefined).status,
    'Rejected',
  );
  assert.equal(store.set(1, profile({ chargingProfileId: 1, chargingProfilePurpose: 'TxDefaultProfile' }, [[60, 10]]), 0, undefined).status, 'Rejected');
  store.set(1, profile({ chargingProfileId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 2 }, [[0, 10]]), 0, undefined);
  store.set(1, profile({ chargingProfileId: 2, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 2 }, [[0, 12]]), 0, undefined);
  assert.deepEqual(
    store.list().map((p) => p.profile.chargingProfileId),
    [2],
  );
  store.set(1, profile({ chargingProfileId: 2, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 3 }, [[0, 14]]), 0, undefined);
  assert.deepEqual(
    store.list().map((p) => [p.profile.chargingProfileId, p.profile.stackLevel]),
    [[2, 3]],
  );
});

test('ClearChargingProfile by id, by connector, purpose and stack level; Unknown when nothing matches', () => {
  const store = new ProfileStore(limits, 2);
  store.set(0, profile({ chargingProfileId: 1, chargingProfilePurpose: 'ChargePointMaxProfile' }, [[0, 10]]), 0, undefined);
  store.set(1, profile({ chargingProfileId: 2, chargingProfilePurpose: 'TxDefaultProfile' }, [[0, 10]]), 0, undefined);
  store.set(2, profile({ chargingProfileId: 3, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 }, [[0, 10]]), 0, undefined);
  assert.equal(store.clear({ id: 99 }), 'Unknown');
  assert.equal(store.clear({ chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 }), 'Accepted');
  assert.deepEqual(
    store.list().map((p) => p.profile.chargingProfileId),
    [1, 2],
  );
  assert.equal(store.clear({ connectorId: 1 }), 'Accepted');
  assert.equal(store.clear({ id: 1 }), 'Accepted');
  assert.equal(store.list().length, 0);
});
