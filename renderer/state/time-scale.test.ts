import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roundStep, ticksThatFit, timeTicks, timeWindow } from './time-scale.ts';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

test('round steps: the smallest round width at least as wide as asked', () => {
  assert.equal(roundStep(1), 250);
  assert.equal(roundStep(600), 1000);
  assert.equal(roundStep(154_000), 300_000); // a day over 560 buckets: 5 min each
  assert.equal(roundStep(3 * 86_400_000 - 1), 3 * 86_400_000);
  assert.equal(roundStep(NaN), 250);
});

test('a 5-minute window keeps its edges until the clock crosses into the next bucket, then moves by one bucket', () => {
  const a = timeWindow({ end: T0 + 10_400, span: 300_000, maxBuckets: 280 });
  assert.equal(a.bucketMs, 2000);
  assert.equal(a.to, T0 + 10_000);
  assert.equal(a.to - a.from, 300_000);
  assert.deepEqual(timeWindow({ end: T0 + 11_999, span: 300_000, maxBuckets: 280 }), a);
  const b = timeWindow({ end: T0 + 12_000, span: 300_000, maxBuckets: 280 });
  assert.equal(b.to - a.to, a.bucketMs);
  assert.ok(a.buckets <= 280);
});

test('a whole-session window starts on the bucket before the first sample and stays within the buckets asked for (+1)', () => {
  const start = T0 + 1234;
  const w = timeWindow({ end: start + 86_400_000, start, maxBuckets: 280 });
  assert.ok(w.from <= start && start - w.from < w.bucketMs);
  assert.ok(w.buckets <= 281, `${w.buckets} buckets`);
  assert.equal((w.to - w.from) % w.bucketMs, 0);
  // A session of a few seconds still draws a minute.
  const short = timeWindow({ end: start + 5000, start, maxBuckets: 280 });
  assert.ok(short.to - short.from >= 59_000);
});

test('ticks: round times inside the window, no more than asked', () => {
  const ticks = timeTicks(T0 + 7_000, T0 + 3_600_000 + 7_000, 6);
  assert.ok(ticks.length >= 3 && ticks.length <= 6, `${ticks.length} ticks`);
  for (const t of ticks) assert.equal((t - T0) % (10 * 60_000), 0, 'every ten minutes');
  assert.ok(ticks[0]! >= T0 + 7_000 && ticks.at(-1)! <= T0 + 3_607_000);
  assert.deepEqual(timeTicks(5, 5, 4), []);
});

test("a tick at the plot's right edge is dropped when its label would be cut; the others stay", () => {
  const from = T0;
  const to = T0 + 300_000;
  const ticks = timeTicks(from, to, 5); // one a minute, the last on the right edge
  assert.equal(ticks.at(-1), to);
  const kept = ticksThatFit(ticks, from, to, 1000, 16, 26);
  assert.deepEqual(kept, ticks.slice(0, -1), 'the edge tick has 16 px for a 26 px half label');
  assert.deepEqual(ticksThatFit(ticks, from, to, 1000, 30, 26), ticks, 'with room enough it stays');
  assert.deepEqual(ticksThatFit(ticks, from, from, 1000, 16, 26), []);
});
