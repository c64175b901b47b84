import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldRecords } from './fold.ts';
import { latestVoltage, scheduleSteps } from './schedule.ts';
import type { SessionRecord } from '../store/records.ts';

const at = '2026-11-30T10:00:00.000Z';
const meter = (volts: string): SessionRecord =>
  ({
    t: 'frame',
    seq: 1,
    at,
    charger: 'CP1',
    leg: 'charger',
    dir: 'rx',
    type: 2,
    id: 'm1',
    action: 'MeterValues',
    issues: [],
    raw: JSON.stringify([
      2,
      'm1',
      'MeterValues',
      { connectorId: 1, meterValue: [{ timestamp: at, sampledValue: [{ value: volts, measurand: 'Voltage', phase: 'L1-N', unit: 'V' }] }] },
    ]),
  }) as unknown as SessionRecord;

test('a schedule in A becomes kW with the charger’s own voltage and the periods’ phases; in W it stays', () => {
  const model = foldRecords('CP1', [meter('240')]);
  assert.equal(latestVoltage(model), 240);
  const steps = scheduleSteps(
    {
      chargingRateUnit: 'A',
      startSchedule: at,
      duration: 600,
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 16 },
        { startPeriod: 300, limit: 6, numberPhases: 1 },
      ],
    },
    model,
    0,
  );
  const t0 = Date.parse(at);
  assert.deepEqual(steps.points, [
    { t: t0, kw: (16 * 240 * 3) / 1000 },
    { t: t0 + 300_000, kw: (6 * 240) / 1000 },
    { t: t0 + 600_000, kw: (6 * 240) / 1000 },
  ]);
  assert.equal(steps.voltsPerPhase, 240);
  const inWatts = scheduleSteps({ chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 7400 }] }, foldRecords('CP1', []), t0);
  assert.deepEqual(
    inWatts.points,
    [
      { t: t0, kw: 7.4 },
      { t: t0 + 3_600_000, kw: 7.4 },
    ],
    'no end: an hour past the last start',
  );
  assert.equal(inWatts.voltsPerPhase, null);
  assert.equal(latestVoltage(foldRecords('CP1', [])), 230, 'nominal without readings');
});
