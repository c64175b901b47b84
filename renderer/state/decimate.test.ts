import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimate } from './decimate.ts';
import { SeriesBuffer } from './series.ts';
import type { MeterSample } from '../../app/charger/model.ts';

export function daySamples(count: number, start = Date.UTC(2026, 10, 25), connectors = [1]): MeterSample[] {
  const out: MeterSample[] = [];
  for (let i = 0; i < count; i++) {
    const power = 7000 + 4000 * Math.sin(i / 500) + (i === 40_000 ? 9000 : 0) - (i === 60_000 ? 11000 : 0);
    out.push({
      seq: i + 1,
      source: 'MeterValues',
      at: start + i * 1000,
      receivedAt: start + i * 1000,
      connectorId: connectors[i % connectors.length]!,
      transactionId: 1,
      context: 'Sample.Periodic',
      powerW: power,
      powerSource: 'measured',
      registerRateW: null,
      currentA: [power / 690, power / 690, power / 690],
      voltageV: [230, 231, 229],
      energyWh: i * 2,
      socPercent: null,
      offeredA: null,
      measurands: [],
      units: {},
    });
  }
  return out;
}

test('a day of 1-second samples becomes no more points than pixels, keeping every peak and dip', () => {
  const series = new SeriesBuffer();
  series.append(daySamples(86_400));
  const from = series.t[0]!;
  const to = series.t[series.length - 1]!;
  const rows = decimate(series, ['powerW', 'iL1', 'energyWh'], from, to, 800);
  assert.ok(rows.length <= 800, `${rows.length} rows`);
  assert.ok(rows.length >= 700, 'the pixels are used');
  const powers = rows.map((r) => r.powerW!);
  assert.equal(Math.max(...powers), 7000 + 4000 * Math.sin(40_000 / 500) + 9000, 'the spike survives');
  assert.equal(Math.min(...powers), 7000 + 4000 * Math.sin(60_000 / 500) - 11000, 'the dip survives');
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i]!.t >= rows[i - 1]!.t, 'rows stay in time order');
  assert.equal(rows.at(-1)!.energyWh, 86_399 * 2, 'the last energy reading is kept');
});

test('fewer samples than pixels: every sample is a row; gaps stay gaps; a connector filter applies', () => {
  const series = new SeriesBuffer();
  const samples = daySamples(10, Date.UTC(2026, 0, 1), [1, 2]).map((s, i) => (i === 3 ? { ...s, powerW: null } : s));
  series.append(samples);
  assert.deepEqual(series.connectors(), [1, 2]);
  const all = decimate(series, ['powerW'], series.t[0]!, series.t[9]!, 800);
  assert.equal(all.length, 10);
  assert.equal(all[3]!.powerW, null);
  const one = decimate(series, ['powerW'], series.t[0]!, series.t[9]!, 800, (i) => series.connector[i] === 2);
  assert.deepEqual(
    one.map((r) => r.t),
    samples.filter((s) => s.connectorId === 2).map((s) => s.at),
  );
  const window = decimate(series, ['powerW'], series.t[2]!, series.t[4]!, 800);
  assert.deepEqual(
    window.map((r) => r.t),
    [series.t[2], series.t[3], series.t[4]],
  );
});

test('the series buffer ignores repeats, keeps a bound, and puts fetched history before live samples', () => {
  const samples = daySamples(1000);
  const live = new SeriesBuffer(500);
  assert.equal(live.append(samples.slice(600, 700)), 100);
  assert.equal(live.append(samples.slice(650, 710)), 10, 'overlapping samples are taken once');
  const merged = live.withHistory(samples.slice(0, 650));
  assert.ok(merged.length <= 500 && merged.length >= 450, `bounded (${merged.length})`);
  assert.equal(merged.seq[merged.length - 1], 710);
  for (let i = 1; i < merged.length; i++) assert.equal(merged.seq[i], merged.seq[i - 1]! + 1, 'no gap and no repeat where history meets live');
  assert.ok(merged.dropped > 0);
  assert.deepEqual(merged.connectors(), [1]);
});

test('the energy graph shows what this session took, counted from its first reading, also where history meets live', () => {
  // A register at 1 234 kWh: transaction 1 for 100 samples, then transaction 2 on the same connector.
  const samples = daySamples(200).map((s, i) => ({ ...s, energyWh: 1_234_000 + i * 10, transactionId: i < 100 ? 1 : 2 }));
  const all = new SeriesBuffer();
  all.append(samples);
  assert.equal(all.series.sessionWh[0], 0);
  assert.equal(all.series.sessionWh[99], 990, 'the rise since the transaction began');
  assert.equal(all.series.sessionWh[100], 0, 'a new transaction starts again at 0');
  assert.equal(all.series.sessionWh[199], 990);
  assert.equal(all.series.energyWh[199], 1_234_000 + 1990, 'the register itself is kept for the read-out');
  // Live samples streamed in before the history arrived: counted from the transaction's real start.
  const live = new SeriesBuffer();
  live.append(samples.slice(150));
  const merged = live.withHistory(samples.slice(0, 150));
  assert.deepEqual([...merged.series.sessionWh.subarray(0, merged.length)], [...all.series.sessionWh.subarray(0, all.length)]);
});
