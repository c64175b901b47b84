/**
 * The host's memory over a long session: a charger sampling every second on both connectors for a
 * day, folded into its model. The bound (docs/performance.md): meter samples 128 bytes each in
 * typed-array rows (up to twice that while a doubling is unfilled), so a day on two connectors (172 800 samples) stays well under 48 MiB; as objects they
 * took ~470 bytes each (~80 MiB) and this test failed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChargerModelBuilder } from './fold.ts';
import type { FrameRecord } from '../store/records.ts';
import { DAY_S, secondOfDay } from '../testing/day-of-samples.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
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
