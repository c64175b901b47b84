import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseSampledValues } from './meter-values.ts';
import { ChargerModelBuilder } from './fold.ts';
import { chargerView } from './view.ts';
import type { SessionRecord } from '../store/records.ts';

test('meter values from different chargers normalise to W, A, V and Wh', () => {
  const kilo = normaliseSampledValues([
    { value: '7.4', measurand: 'Power.Active.Import', unit: 'kW' },
    { value: '12.5', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
  ]);
  assert.equal(kilo.powerW, 7400);
  assert.equal(kilo.energyWh, 12500);
  assert.equal(kilo.powerSource, 'measured');

  const perPhase = normaliseSampledValues([
    { value: '2300', measurand: 'Power.Active.Import', phase: 'L1', unit: 'W' },
    { value: '2300', measurand: 'Power.Active.Import', phase: 'L2', unit: 'W' },
    { value: '2300', measurand: 'Power.Active.Import', phase: 'L3', unit: 'W' },
  ]);
  assert.equal(perPhase.powerW, 6900);

  // No power: Current.Import × Voltage per phase, values sent as JSON numbers (a schema error, still usable).
  const derived = normaliseSampledValues([
    { value: 16, measurand: 'Current.Import', phase: 'L1', unit: 'A' },
    { value: 16, measurand: 'Current.Import', phase: 'L2', unit: 'A' },
    { value: '230', measurand: 'Voltage', phase: 'L1-N', unit: 'V' },
    { value: '400', measurand: 'Voltage', phase: 'L2-L3', unit: 'V' },
    { value: '1000' },
  ]);
  assert.equal(derived.powerSource, 'current×voltage');
  assert.ok(Math.abs(derived.powerW! - (16 * 230 + 16 * (400 / Math.sqrt(3)))) < 0.001);
  assert.equal(derived.energyWh, 1000, 'a sampledValue without measurand is the energy register');
  assert.deepEqual(derived.measurands.sort(), ['Current.Import', 'Energy.Active.Import.Register', 'Voltage']);

  const garbage = normaliseSampledValues([{ value: 'n/a', measurand: 'Power.Active.Import' }, null, 'x']);
  assert.equal(garbage.powerW, null);
});

test('folding: transactions, register readings, skew and heartbeats come from the frames and their receive times', () => {
  let seq = 0;
  const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 12, 0, s)).toISOString();
  const rx = (s: number, id: string, action: string, payload: unknown): SessionRecord => ({
    t: 'frame',
    seq: ++seq,
    at: at(s),
    charger: 'A',
    leg: 'charger',
    dir: 'rx',
    type: 2,
    id,
    action,
    raw: JSON.stringify([2, id, action, payload]),
    issues: [],
  });
  const tx = (s: number, id: string, action: string, payload: unknown): SessionRecord => ({
    t: 'frame',
    seq: ++seq,
    at: at(s),
    charger: 'A',
    leg: 'charger',
    dir: 'tx',
    type: 3,
    id,
    action,
    raw: JSON.stringify([3, id, payload]),
    issues: [],
  });
  const b = new ChargerModelBuilder('A');
  b.fold({
    t: 'event',
    seq: ++seq,
    at: at(0),
    charger: 'A',
    leg: 'charger',
    event: {
      kind: 'connected',
      scheme: 'wss',
      remote: '10.0.0.9:5000',
      local: '10.0.0.1:8443',
      path: '/ocpp/A',
      subprotocol: 'ocpp1.6',
      tls: null,
      auth: { scheme: 'basic', user: 'A', passwordLength: 8, accepted: 'password' },
      hints: [],
    } as never,
  });
  b.fold(rx(1, 'b', 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' }));
  b.fold(tx(1, 'b', 'BootNotification', { status: 'Accepted', currentTime: at(1), interval: 10 }));
  b.fold(rx(11, 'h1', 'Heartbeat', {}));
  b.fold(rx(30, 'h2', 'Heartbeat', {}));
  // The charger's clock is 5 minutes behind.
  b.fold(rx(40, 's1', 'StartTransaction', { connectorId: 1, idTag: 'T', meterStart: 1000, timestamp: at(40 - 300) }));
  b.fold(tx(40, 's1', 'StartTransaction', { transactionId: 77, idTagInfo: { status: 'Accepted' } }));
  const mv = (s: number, wh: number, w: number) =>
    rx(s, `m${s}`, 'MeterValues', {
      connectorId: 1,
      transactionId: 77,
      meterValue: [{ timestamp: at(s - 300), sampledValue: [{ value: String(wh) }, { value: String(w), measurand: 'Power.Active.Import', unit: 'W' }] }],
    });
  b.fold(mv(100, 1100, 7200));
  b.fold(mv(160, 1220, 7200));
  b.fold(mv(220, 20, 7200));
  const m = b.model;
  assert.deepEqual(m.identity && [m.identity.vendor, m.identity.model], ['Acme', 'W1']);
  assert.equal(m.heartbeats.intervalS, 10);
  // Silent stretches (OCPP 1.6 §4.6: any message counts, interval 10 s + 20 %): 11 → 30 s, then the MeterValues a minute apart.
  assert.deepEqual(
    m.heartbeats.silences.map((g) => g.gapMs),
    [19_000, 60_000, 60_000, 60_000],
  );
  const t = m.transactions[0]!;
  assert.equal(t.transactionId, 77);
  assert.equal(t.meterStartWh, 1000);
  assert.deepEqual([t.firstReading?.wh, t.lastReading?.wh], [1100, 20]);
  assert.deepEqual(
    t.registerDecreases.map((d) => [d.fromWh, d.toWh]),
    [[1220, 20]],
  );
  assert.ok(Math.abs(t.integratedWh - 240) < 0.01, `7.2 kW for 120 s is 240 Wh, got ${t.integratedWh}`);
  assert.ok([...m.skew].every((s) => s.skewMs === -300_000));
  assert.equal(m.samples.at(1)!.registerRateW, 7200);
  assert.equal(m.heartbeats.longestGapMs, 60_000);
  assert.equal(chargerView('A', m).heartbeat.lateCount, 4);
  // A StopTransaction's transactionData holds readings from the whole session: they are not the charger's clock now.
  b.fold(
    rx(230, 'st', 'StopTransaction', {
      transactionId: 77,
      meterStop: 1300,
      timestamp: at(230 - 300),
      transactionData: [{ timestamp: at(-5000), sampledValue: [{ value: '1000' }] }],
    }),
  );
  assert.ok(
    [...b.model.skew].every((s) => s.skewMs === -300_000),
    `skew stays -5 min: ${[...b.model.skew].map((s) => s.skewMs).join(' ')}`,
  );
  assert.equal(chargerView('A', b.model).skew?.worstMs, -300_000);
});

test("the sampled data: the platform measurands with the charger's own, within its maximum; a change that takes measurands away is kept with them", async () => {
  const { withPlatformMeasurands, removedBy } = await import('./sampled-data.ts');
  const platform = 'Energy.Active.Import.Register,Power.Active.Import';
  assert.deepEqual(withPlatformMeasurands(platform, 'Current.Import, Voltage,Power.Active.Import'), {
    value: 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage',
    kept: ['Current.Import', 'Voltage'],
    dropped: [],
  });
  assert.deepEqual(withPlatformMeasurands(platform, 'Current.Import,Voltage,SoC', 3), {
    value: 'Energy.Active.Import.Register,Power.Active.Import,Current.Import',
    kept: ['Current.Import'],
    dropped: ['Voltage', 'SoC'],
  });
  assert.deepEqual(removedBy('Energy.Active.Import.Register,Current.Import,Voltage', platform), ['Current.Import', 'Voltage']);
});
