import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powerSvg } from './report-html.ts';
import type { MeterSample } from '../charger/model.ts';

const sample = (i: number, powerW: number): MeterSample => ({
  seq: i + 1,
  source: 'MeterValues',
  at: Date.UTC(2026, 10, 30, 12, 0, i * 60),
  receivedAt: Date.UTC(2026, 10, 30, 12, 0, i * 60),
  connectorId: 1,
  transactionId: 1,
  context: 'Sample.Periodic',
  powerW,
  powerSource: 'measured',
  registerRateW: null,
  currentA: [null, null, null],
  voltageV: [null, null, null],
  energyWh: null,
  socPercent: null,
  offeredA: null,
  measurands: [],
  units: {},
});

test('the report draws four readings as steps, with round kW ticks from 0 and time ticks', () => {
  const svg = powerSvg([sample(0, 11_000), sample(1, 11_040), sample(2, 0), sample(3, 11_000)]);
  const d = /<path [^>]*d="([^"]+)"/.exec(svg)?.[1] ?? '';
  assert.match(d, /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){3}$/, `steps, not slopes: ${d}`);
  const labels = [...svg.matchAll(/text-anchor="end">([\d.]+)<\/text>/g)].map((m) => m[1]);
  assert.equal(labels[0], '0', 'the axis starts at 0');
  assert.ok(labels.length >= 4, `more than a 0 and a maximum: ${labels.join(' ')}`);
  assert.ok(Number(labels.at(-1)) >= 11.04);
  assert.equal(new Set(labels.map((l) => l?.split('.')[1]?.length ?? 0)).size, 1, 'one number of decimals');
  assert.ok((svg.match(/T?\d\d:\d\d:\d\d</g) ?? []).length >= 3, 'time ticks along the bottom');
  assert.match(powerSvg([sample(0, 5000)]), /One power reading only/);
  assert.match(powerSvg([]), /No power readings/);
});
