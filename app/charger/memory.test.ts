/**
 * The host's memory over a long session: a charger sampling every second on both connectors for a
 * day, folded into its model. The bound (docs/performance.md): meter samples 128 bytes each in
 * typed-array rows (in chunks of 256), so a day on two connectors (172 800 samples) stays well under
 * 48 MiB; as objects they took ~470 bytes each (~80 MiB) and this test failed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChargerModelBuilder } from './fold.ts';
import { MeterSeries, type MeterSample } from './meter-series.ts';
import type { FrameRecord } from '../store/records.ts';
import { DAY_S, secondOfDay } from '../testing/day-of-samples.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
const used = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const start = Date.parse('2026-11-30T00:00:00Z');

const meterValues = (n: number, connectorId: number) => secondOfDay(n, { id: `mv-${connectorId}-${n}`, connectorId, start });

test('a day of 1 s samples on two connectors keeps the charger model under its memory bound', () => {
  const builder = new ChargerModelBuilder('SOAK');
  const before = used();
  let seq = 0;
  const record = (dir: 'rx' | 'tx', raw: string, type: number, id: string, at: number): FrameRecord => ({
    t: 'frame',
    seq: ++seq,
    at: new Date(at).toISOString(),
    charger: 'SOAK',
    leg: 'charger',
    dir,
    raw,
    type,
    id,
    action: 'MeterValues',
    issues: [],
  });
  for (let n = 0; n < DAY_S; n++) {
    for (const connectorId of [1, 2]) {
      const at = start + n * 1000 + 20;
      builder.fold(record('rx', meterValues(n, connectorId), 2, `mv-${connectorId}-${n}`, at));
      builder.fold(record('tx', `[3,"mv-${connectorId}-${n}",{}]`, 3, `mv-${connectorId}-${n}`, at + 1));
    }
  }
  const grown = used() - before;
  assert.equal(builder.model.samples.length, 2 * DAY_S, 'every sample of the day is kept');
  assert.equal(builder.model.samples.at(-1)!.powerW, 11_000 + ((DAY_S - 1) % 40));
  assert.ok(grown < 48 * 1024 * 1024, `the model grew by ${(grown / 1024 / 1024).toFixed(1)} MiB for a day on two connectors`);
});

test('a meter series that grows holds its rows and nothing more: no old copies wait for a full collection', () => {
  const series = new MeterSeries();
  const sample: MeterSample = {
    seq: 0,
    source: 'MeterValues',
    at: start,
    receivedAt: start,
    connectorId: 1,
    transactionId: null,
    context: 'Sample.Periodic',
    powerW: 7_200,
    powerSource: 'measured',
    registerRateW: null,
    currentA: [32, null, null],
    voltageV: [230, null, null],
    energyWh: 1_000,
    socPercent: null,
    offeredA: null,
    measurands: ['Power.Active.Import'],
    units: { 'Power.Active.Import': 'W' },
  };
  // A full collection as each power of two is reached: every row array has grown old (as a live
  // charger's have), so one replaced by a bigger copy would stay until the next full collection.
  const before = process.memoryUsage().arrayBuffers;
  for (let n = 1; n <= 200_000; n++) {
    series.push({ ...sample, seq: n, at: start + n * 1000 });
    if ((n & (n - 1)) === 0) gc();
  }
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  const rows = 200_000 * 128;
  const held = process.memoryUsage().arrayBuffers - before;
  // Rows as one array doubled to 262 144 held 32 MiB, and 48 with the copy it replaced; in chunks, the
  // rows and at most one chunk (32 KiB) not yet filled.
  assert.ok(held < rows + 64 * 1024, `${(held / 1048576).toFixed(1)} MiB of array buffers held for ${(rows / 1048576).toFixed(1)} MiB of rows`);
  assert.equal(series.at(-1)!.seq, 200_000);
});
